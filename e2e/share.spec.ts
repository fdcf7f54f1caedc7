import { expect, type Page, test } from "@playwright/test";
import { dragBoxAway, faultBands, openFresh, playheadMs, seek, waitForRun } from "./helpers";

// Copy link → open it in a fresh browser (a colleague has no autosave) → the same screen.

async function screenState(page: Page) {
  return {
    title: (await page.locator(".current-title").textContent()) ?? "",
    playhead: await playheadMs(page),
    bands: await faultBands(page).evaluateAll((els) => els.map((el) => el.getAttribute("aria-label"))),
    summary: (await page.getByTestId("run-summary").textContent()) ?? "",
    sides: await page.locator(".side-label").allTextContents(),
    rows: await page.locator("[data-process]").evaluateAll((els) => els.map((el) => el.getAttribute("aria-label"))),
  };
}

test("a copied link opens the same scenario at the same moment in another browser", async ({ page, browser }) => {
  await openFresh(page);
  await seek(page, 20_000);
  await dragBoxAway(page, "box2");
  await waitForRun(page);
  await seek(page, 45_000);
  const before = await screenState(page);
  expect(before.bands).toHaveLength(2);

  await page.getByRole("button", { name: "Copy link" }).click();
  const url = await page.getByTestId("share-url").inputValue();
  expect(url).toMatch(/#v=1&s=[\w-]+&t=45000$/);

  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await other.goto(url);
  await waitForRun(other);
  expect(await screenState(other)).toEqual(before);
  await colleague.close();
});
