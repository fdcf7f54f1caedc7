import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { parseScenarioText } from "../src/scenario/validate";
import { planSweep } from "../src/sweep/cases";
import { sweepReport } from "../src/sweep/report";
import { runAllCells } from "../src/sweep/run";
import { DEFAULT_SETTINGS } from "../src/sweep/settings";

// The quorum and partition explorer (issue 6) on Example 2, the app's start scenario: run the default sweep,
// compare box 1's isolation at quorum 2 with the catalog (A2a), compare everything with `npm run sweep`, and
// open that cell on the main view.

const ISOLATED = "box1 | box2 box3";

function cliReport(): string {
  const v = parseScenarioText(readFileSync("scenarios/a2a-three-boxes-master-isolated.json", "utf8"));
  if (!v.ok) throw new Error(v.problems.join("; "));
  const planned = planSweep(v.scenario, DEFAULT_SETTINGS);
  if (!planned.ok) throw new Error(planned.message);
  const cells = runAllCells(v.scenario, DEFAULT_SETTINGS, planned.plan);
  return JSON.stringify(sweepReport(v.scenario, DEFAULT_SETTINGS, planned.plan, cells));
}

async function screenshot(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `e2e/screenshots/explorer-${width}x${height}.png` });
  const matrix = page.getByRole("table", { name: "Outcome of each case for each quorum" });
  await matrix.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `e2e/screenshots/explorer-${width}x${height}-matrix.png` });
}

test.describe("quorum and partition explorer", () => {
  test("Example 2: box 1 isolated at quorum 2 loses C1's writes, as in the catalog; the cell opens on the main view", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/");
    const views = page.getByRole("navigation", { name: "Views" });
    await views.getByRole("button", { name: "Explorer" }).click();
    const explorer = page.getByRole("region", { name: "Quorum and partition explorer" });
    await expect(explorer).toContainText("Example 2");
    await explorer.getByRole("button", { name: /^Run up to 120 simulations/ }).click();
    const progress = page.getByTestId("explorer-progress");
    await expect(progress).toHaveAttribute("data-status", "done", { timeout: 120_000 });
    await expect(progress).toContainText("8 of 8 cases");
    // Runs that are the same run as one already made are reused, and every one of the 120 is one or the other.
    const [, simulated, reused] = /(\d+) runs simulated, (\d+) reused/.exec((await progress.textContent()) ?? "") ?? [];
    expect(Number(simulated) + Number(reused)).toBe(120);
    expect(Number(reused)).toBeGreaterThan(0);

    // A2a: S2/S3 promote a replica, C1 keeps writing to M1, and every write it made after the cut is lost.
    const row = page.locator(`tr[data-case="${ISOLATED}"]`);
    const q2 = row.getByRole("button", { name: /quorum 2:/ });
    await expect(q2).toHaveAttribute("data-kind", "failover-lost");
    const label = (await q2.getAttribute("aria-label")) ?? "";
    const c1 = Number(/lost C1:(\d+)/.exec(label)?.[1]);
    expect(c1, label).toBeGreaterThanOrEqual(630);
    expect(c1, label).toBeLessThanOrEqual(1150);
    expect(label).not.toMatch(/C2:/);
    await expect(q2).toContainText(`${c1} lost`);
    // Quorum 3 needs S1, which is on the other side: no failover, C2 cannot write.
    await expect(row.getByRole("button", { name: /quorum 3:/ })).toHaveAttribute("data-kind", "unavailable");
    await expect(page.getByTestId("explorer-recommendation")).toContainText("is the safest choice here");

    // The browser's results are the CLI's, byte for byte.
    const downloading = page.waitForEvent("download");
    await explorer.getByRole("button", { name: "Download results (JSON)" }).click();
    const file = await (await downloading).path();
    expect(readFileSync(file, "utf8").trim()).toBe(cliReport());

    await screenshot(page, 1280, 800);
    await screenshot(page, 1920, 1080);

    await q2.click();
    await expect(views.getByRole("button", { name: "Lab" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText(`Explorer: ${ISOLATED}, quorum 2`).first()).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: "e2e/screenshots/explorer-opened-case-1280x800.png" });
  });
});
