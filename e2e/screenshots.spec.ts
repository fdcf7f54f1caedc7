import { expect, type Page, test } from "@playwright/test";
import { openFresh, openFromGallery, seek } from "./helpers";

// A picture of every view at the two sizes a user is likeliest to have, to look at (e2e/screenshots/).

const SIZES = [
  [1280, 800],
  [1920, 1080],
] as const;

async function shoot(page: Page, name: string, width: number, height: number): Promise<void> {
  await page.mouse.move(0, height - 1);
  await page.screenshot({ path: `e2e/screenshots/${name}-${width}x${height}.png` });
}

for (const [width, height] of SIZES)
  test(`every view at ${width}×${height}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height });
    await openFresh(page);
    await seek(page, 60_000);
    await shoot(page, "lab-why", width, height);
    for (const [tab, name] of [
      ["Writes", "lab-writes"],
      ["Log", "lab-log"],
      ["Scenario", "lab-scenario"],
    ] as const) {
      await page.getByRole("tab", { name: tab }).click();
      await shoot(page, name, width, height);
    }
    await page.locator('[data-process="M1"]').click();
    await expect(page.getByRole("menu")).toBeVisible();
    await shoot(page, "lab-process-menu", width, height);
    await page.keyboard.press("Escape");
    await page.getByRole("tab", { name: "Inspect & edit" }).click();
    await shoot(page, "lab-inspect", width, height);

    await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Gallery" }).click();
    await expect(page.locator(".card").first()).toBeVisible();
    await shoot(page, "gallery", width, height);

    await openFromGallery(page, "a1c-two-sentinels-what-if");
    await seek(page, 60_000);
    await shoot(page, "lab-what-if", width, height);

    await openFromGallery(page, "b7a-sentinel-tier-zone-cut-off");
    await seek(page, 60_000);
    await shoot(page, "lab-zones-two-groups", width, height);

    await openFromGallery(page, "c10a-jepsen-min-replicas-0");
    await seek(page, 60_000);
    await page.getByRole("tab", { name: "Writes" }).click();
    await shoot(page, "lab-five-boxes-writes", width, height);
  });
