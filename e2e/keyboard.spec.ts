import { expect, test } from "@playwright/test";
import { faultBands, openFresh, playheadMs, waitForRun } from "./helpers";

// Keyboard only: play, pause, step between events, scrub, speed, a cut from a box's menu, undo and redo.

test("play, step and scrub with the keyboard alone", async ({ page }) => {
  await openFresh(page);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  expect(await playheadMs(page)).toBe(1000);
  await page.keyboard.press("Home");
  expect(await playheadMs(page)).toBe(0);

  await page.keyboard.press("]");
  const first = await playheadMs(page);
  expect(first).toBeGreaterThan(0);
  await page.keyboard.press("]");
  expect(await playheadMs(page)).toBeGreaterThan(first);
  await page.keyboard.press("[");
  expect(await playheadMs(page)).toBe(first);

  await page.keyboard.press("ArrowRight");
  expect(await playheadMs(page)).toBe(first + 1000);
  await page.keyboard.press("Shift+ArrowRight");
  expect(await playheadMs(page)).toBe(first + 11_000);
  await page.keyboard.press("Home");
  expect(await playheadMs(page)).toBe(0);

  await page.keyboard.press("-");
  await expect(page.locator(".speed output")).toHaveText("5×");
  await page.keyboard.press("=");
  await page.keyboard.press("=");
  await expect(page.locator(".speed output")).toHaveText("20×");
  await page.keyboard.press("k");
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect.poll(() => playheadMs(page)).toBeGreaterThan(5000);
  await page.keyboard.press("k");
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  const stopped = await playheadMs(page);
  await page.waitForTimeout(300);
  expect(await playheadMs(page)).toBe(stopped);

  // The playhead is reachable with Tab and scrubs with the arrow keys.
  let focused = "";
  for (let i = 0; i < 80 && focused !== "slider"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.getAttribute("role") ?? "");
  }
  expect(focused).toBe("slider");
  await page.keyboard.press("End");
  expect(await playheadMs(page)).toBe(150_000);
  await page.keyboard.press("PageDown");
  expect(await playheadMs(page)).toBe(140_000);
});

test("cut a box off from its menu with the keyboard, then undo and redo", async ({ page }) => {
  await openFresh(page);
  await expect(faultBands(page)).toHaveCount(1);
  await page.getByRole("button", { name: /^Box 2: drag to cut it off/ }).focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "Actions for Box 2" });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await expect(menu.getByRole("menuitem").first()).toHaveText("Cut off from the others (drop)");
  await page.keyboard.press("Enter");
  await waitForRun(page);
  await expect(faultBands(page)).toHaveCount(2);

  await page.keyboard.press("Control+z");
  await expect(faultBands(page)).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "Undone: cut box2 off at 1.0 s" })).toBeVisible();
  await page.keyboard.press("Control+Shift+z");
  await expect(faultBands(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(faultBands(page)).toHaveCount(1);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(faultBands(page)).toHaveCount(2);

  // A fault band takes the keyboard too: Delete removes it, undo brings it back.
  await faultBands(page).last().focus();
  await page.keyboard.press("Delete");
  await expect(faultBands(page)).toHaveCount(1);
  await page.keyboard.press("Control+z");
  await expect(faultBands(page)).toHaveCount(2);
});
