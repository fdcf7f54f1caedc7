import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { validateScenario } from "../src/scenario/validate";
import { openFresh, openFromGallery, waitForRun } from "./helpers";

// Files in and out: the scenario as JSON (and back in), the log as text, the topology as SVG and PNG, and
// the redis.conf / sentinel.conf files.

async function download(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole("button", { name: "File ▾" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: item }).click();
  const d = await downloading;
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

test("download and upload the scenario, export the log, the topology and the configs", async ({ page }) => {
  await openFresh(page);
  await openFromGallery(page, "c11a-quorum-1-one-way-cut");

  const json = await download(page, "Download scenario (JSON)");
  expect(json.name).toBe("c11a-quorum-1-one-way-cut.json");
  const v = validateScenario(JSON.parse(json.bytes.toString("utf8")));
  expect(v.ok && v.scenario.title).toBe("Quorum 1: one Sentinel's bad link fails over a healthy master");

  const log = (await download(page, "Event log (text)")).bytes.toString("utf8");
  expect(log).toMatch(/^\d\d:\d\d\.\d{3} S\d +# \+switch-master mymaster /m);

  const svg = (await download(page, "Topology (SVG)")).bytes.toString("utf8");
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg).toContain("Box 1");
  const png = (await download(page, "Topology (PNG)")).bytes;
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  const zip = await download(page, "redis.conf and sentinel.conf files (zip)");
  expect(zip.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(zip.bytes.toString("latin1")).toContain("sentinel-S1.conf");

  // Back in: open another scenario, then upload the downloaded file.
  await openFromGallery(page, "a2a-three-boxes-master-isolated");
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: json.name, mimeType: "application/json", buffer: json.bytes });
  await waitForRun(page);
  await expect(page.locator(".current-title")).toHaveText(
    "Quorum 1: one Sentinel's bad link fails over a healthy master",
  );
  await expect(page.getByRole("alert")).toHaveCount(0);
});
