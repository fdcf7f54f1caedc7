import { expect, type Page, test } from "@playwright/test";
import { faultBands, openFresh, waitForRun } from "./helpers";

// Faults on the timeline with the mouse: move a band, stretch its end, select and delete it; the scenario
// and the run follow, and the autosave keeps the result across a reload.

async function bandBox(page: Page) {
  const box = await faultBands(page).first().locator(".band-body").boundingBox();
  if (!box) throw new Error("no fault band");
  return box;
}

async function pxPerSecond(page: Page): Promise<number> {
  const svg = await page.locator(".timeline-svg").boundingBox();
  if (!svg) throw new Error("no timeline");
  // The axis runs from the gutter (96 px) to 18 px before the right edge, over the scenario's 150 s.
  return (svg.width - 96 - 18) / 150;
}

test("move, stretch and delete a fault band with the mouse", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openFresh(page);
  const band = faultBands(page).first();
  await expect(band).toHaveAttribute("aria-label", /from 30\.0 s to 100\.0 s/);
  const perS = await pxPerSecond(page);

  let b = await bandBox(page);
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + 5 * perS, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
  await waitForRun(page);
  await expect(band).toHaveAttribute("aria-label", /from 3[45]\.\d s to 10[45]\.\d s/);

  b = await bandBox(page);
  await page.mouse.move(b.x + b.width - 1, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width - 1 - 30 * perS, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
  await waitForRun(page);
  await expect(band).toHaveAttribute("aria-label", /from 3[45]\.\d s to 7[45]\.\d s/);
  await expect(page.getByTestId("run-summary")).toContainText(/split brain [34]\d\.\d s/);

  await page.reload();
  await waitForRun(page);
  await expect(band).toHaveAttribute("aria-label", /to 7[45]\.\d s/);
  await page.goto("/");
  await waitForRun(page);
  await expect(band).toHaveAttribute("aria-label", /to 7[45]\.\d s/);

  b = await bandBox(page);
  await page.mouse.click(b.x + 20, b.y + b.height / 2);
  await page.getByRole("button", { name: /^Delete partition/ }).click();
  await expect(faultBands(page)).toHaveCount(0);
  await waitForRun(page);
  await expect(page.getByTestId("run-summary")).toContainText("no failover");
});
