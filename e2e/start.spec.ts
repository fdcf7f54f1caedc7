import { expect, test } from "@playwright/test";
import { openFresh } from "./helpers";

test("the start page runs Example 2 and shows the failover, the split brain and the lost writes", async ({ page }) => {
  await openFresh(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sentinel Lab");
  await expect(page.locator(".current-title")).toContainText("Example 2a");
  const summary = page.getByTestId("run-summary");
  await expect(summary).toContainText(/failover → R[23] at 3\d\.\d s/);
  await expect(summary).toContainText(/split brain/);
  await expect(summary).toContainText(/\d+ acknowledged writes lost/);
  await expect(page.locator("[data-box]")).toHaveCount(3);
});
