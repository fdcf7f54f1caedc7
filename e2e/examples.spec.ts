import { readdirSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import type { Expectation, Scenario } from "../src/scenario/schema";
import { openFresh, openFromGallery, shipped } from "./helpers";

// Examples 1–4 of the Sentinel documentation, each variant opened from the gallery. The page must say
// what the scenario's `expect` block says: the expectations list shows PASS, and the views themselves
// (run summary, topology at the end, split-brain shading, writes panel, log) agree with each expectation.

const inRange = (v: number, r: readonly [number, number]) => v >= r[0] && v <= r[1];
const always = (e: Expectation) => !e.share || e.share.min >= 1;

async function numberIn(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).textContent()) ?? "").replaceAll(",", ""));
}

async function checkViews(page: Page, s: Scenario): Promise<void> {
  const summary = page.getByTestId("run-summary");
  // Every expectation holds on this run, as the Scenario tab says.
  await page.getByRole("tab", { name: "Scenario" }).click();
  const rows = page.getByRole("list", { name: "Expected outcomes for this run" }).getByRole("listitem");
  await expect(rows).toHaveCount(s.expect.length);
  // The run's own figures: every example has clients, so its history is not empty.
  await expect(page.locator(".run-info")).toContainText(/ [1-9][\d,]* history entries/);
  for (const [i, e] of s.expect.entries())
    if (always(e)) await expect(rows.nth(i), `${s.catalog}: ${JSON.stringify(e)}`).toHaveAttribute("data-pass", "true");

  await page.getByRole("slider", { name: "Playhead" }).focus();
  await page.keyboard.press("End");
  for (const e of s.expect.filter(always)) {
    const what = `${s.catalog}: ${JSON.stringify(e)}`;
    switch (e.kind) {
      case "failover": {
        const n = await summary.getByRole("button", { name: /^failover →/ }).count();
        expect(e.count ? inRange(n, e.count) : n > 0, `${what}; ${n} failovers in the run summary`).toBe(true);
        break;
      }
      case "final-master": {
        const masters = await page
          .locator("[data-process]")
          .evaluateAll((els) =>
            els
              .filter((el) => /: master/.test(el.getAttribute("aria-label") ?? ""))
              .map((el) => el.getAttribute("data-process")),
          );
        expect(
          masters.some((m) => m && e.oneOf.includes(m)),
          `${what}; masters on screen: ${masters}`,
        ).toBe(true);
        break;
      }
      case "split-brain": {
        const shaded = await page.locator(`[data-split-brain="${e.group}"]`).count();
        expect(shaded > 0, `${what}; ${shaded} shaded intervals on the timeline`).toBe(e.occurs);
        break;
      }
      case "lost-writes": {
        await page.getByRole("tab", { name: "Writes" }).click();
        const clients = e.client
          ? [e.client]
          : await page.locator("[data-client]").evaluateAll((els) => els.map((el) => el.getAttribute("data-client")!));
        let lost = 0;
        for (const c of clients) lost += await numberIn(page, `lost-${c}`);
        expect(inRange(lost, e.count), `${what}; the writes panel shows ${lost}`).toBe(true);
        break;
      }
      case "event": {
        await page.getByRole("tab", { name: "Log" }).click();
        const escaped = e.name.replace(/[+#!-]/g, (c) => `\\${c}`);
        const line = new RegExp(`^\\S+ ${e.process ?? "\\S+"} +[#*-] ${escaped}( |$)`);
        const n = await page
          .getByRole("list", { name: "Event log" })
          .locator("li")
          .evaluateAll(
            (els, src) => els.filter((el) => new RegExp(src).test(el.textContent ?? "")).length,
            line.source,
          );
        if (e.occurs) expect(n > 0 && (!e.count || inRange(n, e.count)), `${what}; ${n} log lines`).toBe(true);
        else expect(n, what).toBe(0);
        break;
      }
      default:
        break;
    }
  }
}

const files = readdirSync("scenarios").filter((f) => /^a[1-4]/.test(f));

for (const example of [1, 2, 3, 4]) {
  test(`Example ${example}: every variant from the gallery shows what its expectations say`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openFresh(page);
    const variants = files.filter((f) => f.startsWith(`a${example}`)).map(shipped);
    expect(variants.length).toBeGreaterThan(1);
    for (const s of variants) {
      await openFromGallery(page, s.id);
      await expect(page.locator(".current-title")).toHaveText(s.title);
      await checkViews(page, s);
    }
  });
}
