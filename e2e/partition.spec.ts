import { expect, test } from "@playwright/test";
import {
  dragBoxAway,
  dragBoxOnto,
  faultBands,
  openFresh,
  openFromGallery,
  playheadMs,
  seek,
  waitForRun,
} from "./helpers";

// The "done means": Example 2, cut box 1 off by dragging, play, see the failover, the split brain and
// the lost writes.

test("Example 2: drag box 1 away and back, play past the heal, find the lost writes", async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openFresh(page);
  await openFromGallery(page, "a2a-three-boxes-master-isolated");
  await expect(faultBands(page)).toHaveCount(1);

  await seek(page, 10_000);
  await dragBoxAway(page, "box1");
  await waitForRun(page);
  await expect(faultBands(page)).toHaveCount(2);
  await expect(page.locator(".side-label").first()).toHaveText("Side A · 1 of 3 Sentinels");
  const summary = page.getByTestId("run-summary");
  // The failover now follows the drag at 10 s instead of the scenario's own cut at 30 s.
  await expect(summary).toContainText(/failover → R[23] at 1\d\.\d s/);

  await seek(page, 60_000);
  await dragBoxOnto(page, "box1", "box2");
  await waitForRun(page);
  await expect(page.locator(".side-label")).toHaveText(["Every box reaches every other box"]);
  await expect(page.locator("g.band").first()).toHaveAttribute("aria-label", /from 10\.0 s to 60\.0 s/);

  // Play at 100× until the end.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press("+");
  await expect(page.locator(".speed output")).toHaveText("100×");
  await page.getByRole("button", { name: "Play" }).click();
  await expect.poll(() => playheadMs(page), { timeout: 10_000 }).toBe(150_000);

  await expect(summary).toContainText(/split brain/);
  await page.getByRole("tab", { name: "Writes" }).click();
  const lost = Number(((await page.getByTestId("lost-C1").textContent()) ?? "").replaceAll(",", ""));
  expect(lost).toBeGreaterThan(300);
  const c1 = page.locator('[data-client="C1"]');
  await expect(c1.locator(".loss-windows")).toContainText(
    /writes? lost: acknowledged by M1 between 10\.\d s and [67]\d\.\d s/,
  );
  await c1.getByRole("button", { name: "M1" }).click();
  expect(await playheadMs(page)).toBeLessThan(11_000);
});
