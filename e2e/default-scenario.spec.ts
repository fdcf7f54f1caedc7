import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the start page runs Example 2 and shows the failover and the lost writes", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sentinel Lab");
  const summary = page.getByTestId("summary");
  await expect(summary).toContainText("failover at");
  await expect(summary).toContainText(/lost \d+ acked by M1/);
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id)).toEqual([]);
});
