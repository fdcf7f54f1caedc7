import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import type { Scenario } from "../src/scenario/schema";
import { validateScenario } from "../src/scenario/validate";

// Steps the e2e tests share: open the app fresh, open a gallery scenario, move the playhead, drag boxes.

export function shipped(file: string): Scenario {
  const v = validateScenario(JSON.parse(readFileSync(`scenarios/${file}`, "utf8")));
  if (!v.ok) throw new Error(v.problems.join("; "));
  return v.scenario;
}

/** The app at its start page with no autosave from an earlier test. */
export async function openFresh(page: Page, hash = ""): Promise<void> {
  await page.goto(`/${hash}`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`/${hash}`);
  await waitForRun(page);
}

/** Waits until the run on screen belongs to the scenario on screen. */
export async function waitForRun(page: Page): Promise<void> {
  await expect(page.getByTestId("run-summary")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "simulating…" })).toHaveCount(0, { timeout: 20_000 });
}

/** Opens a shipped scenario (by its id) from the gallery. */
export async function openFromGallery(page: Page, id: string): Promise<void> {
  await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Gallery" }).click();
  await page.locator(`[data-scenario="${id}"]`).getByRole("button", { name: /^Open/ }).click();
  await expect(page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Lab" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await waitForRun(page);
}

/** Moves the playhead with the keyboard, as a user without a mouse would: Home, then 10 s and 1 s steps. */
export async function seek(page: Page, ms: number): Promise<void> {
  const slider = page.getByRole("slider", { name: "Playhead" });
  await slider.focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < Math.floor(ms / 10_000); i++) await page.keyboard.press("Shift+ArrowRight");
  for (let i = 0; i < Math.floor((ms % 10_000) / 1000); i++) await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuenow", String(Math.min(ms - (ms % 1000), 10_000_000)));
}

async function dragTo(page: Page, box: string, x: number, y: number): Promise<void> {
  const head = await page.locator(`[data-box="${box}"] .box-head`).boundingBox();
  if (!head) throw new Error(`no box ${box} on screen`);
  await page.mouse.move(head.x + 30, head.y + head.height / 2);
  await page.mouse.down();
  await page.mouse.move(head.x + 50, head.y + 40, { steps: 4 });
  await page.mouse.move(x, y, { steps: 12 });
  await page.mouse.up();
}

/** Drags a box onto the empty space below the sides: a partition at the playhead. */
export async function dragBoxAway(page: Page, box: string): Promise<void> {
  const zone = await page.locator(".drop-zone rect").boundingBox();
  if (!zone) throw new Error("no drop zone");
  await dragTo(page, box, zone.x + zone.width / 2, zone.y + zone.height / 2);
}

/** Drags a box onto the side where another box stands. */
export async function dragBoxOnto(page: Page, box: string, other: string): Promise<void> {
  const target = await page.locator(`[data-box="${other}"] .box-bg`).boundingBox();
  if (!target) throw new Error(`no box ${other} on screen`);
  await dragTo(page, box, target.x + target.width / 2, target.y + target.height + 6);
}

export async function playheadMs(page: Page): Promise<number> {
  return Number(await page.getByRole("slider", { name: "Playhead" }).getAttribute("aria-valuenow"));
}

export function faultBands(page: Page) {
  return page.locator("g.band");
}
