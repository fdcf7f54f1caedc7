import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { openFresh, openFromGallery } from "./helpers";

// Accessibility: no serious or critical axe violations in any view or tab.

async function seriousViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
}

test("axe finds no serious or critical problems in the lab, its tabs and the gallery", async ({ page }) => {
  test.setTimeout(90_000);
  await openFresh(page);
  await page.getByRole("slider", { name: "Playhead" }).focus();
  await page.keyboard.press("PageUp");
  await page.keyboard.press("PageUp");
  await page.keyboard.press("PageUp");
  await page.keyboard.press("PageUp");
  for (const tab of ["Why", "Writes", "Log", "Inspect & edit", "Scenario"]) {
    await page.getByRole("tab", { name: tab }).click();
    expect(await seriousViolations(page), tab).toEqual([]);
  }
  await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Gallery" }).click();
  await expect(page.locator(".card").first()).toBeVisible();
  expect(await seriousViolations(page), "gallery").toEqual([]);
  await openFromGallery(page, "a1c-two-sentinels-what-if");
  expect(await seriousViolations(page), "what-if").toEqual([]);
});
