import { expect, test } from "@playwright/test";
import { dragBoxAway, faultBands, openFresh, seek, shipped, waitForRun } from "./helpers";

// Bad input never costs work: a broken link, an invalid file and an impossible edit each get a message
// naming the problem; the app stays usable and the autosave is untouched. Scenario text is text, not HTML.

const AUTOSAVE = "sentinel-lab:autosave:v1";

test("a tampered link shows what is wrong and the autosaved work survives", async ({ page, context }) => {
  await openFresh(page);
  await seek(page, 20_000);
  await dragBoxAway(page, "box3");
  await waitForRun(page);
  await expect(faultBands(page)).toHaveCount(2);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), AUTOSAVE)).not.toBeNull();
  const saved = await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE);
  const link = new URL(page.url());
  const data = new URLSearchParams(link.hash.slice(1)).get("s")!;
  const tampered = `/#v=1&s=${data.slice(0, 40)}${data.slice(60)}&t=1000`;

  const next = await context.newPage();
  await next.goto(tampered);
  const alert = next.getByRole("alert");
  await expect(alert).toContainText("This link could not be opened; your autosaved work is shown instead");
  await expect(alert).toContainText(/damaged|not JSON|character/);
  await waitForRun(next);
  await expect(faultBands(next)).toHaveCount(2);
  expect(await next.evaluate((k) => localStorage.getItem(k), AUTOSAVE)).toBe(saved);

  // The app stays usable: dismiss the message and play.
  await alert.getByRole("button", { name: /Dismiss/ }).click();
  await expect(next.getByRole("alert")).toHaveCount(0);
  await next.getByRole("button", { name: "Play" }).click();
  await expect(next.getByRole("button", { name: "Pause" })).toBeVisible();

  // A link from a newer app is refused with a message too, and changes nothing.
  await next.goto("/#v=9&s=abc&t=0");
  await expect(next.getByRole("alert")).toContainText("newer Sentinel Lab");
  expect(await next.evaluate((k) => localStorage.getItem(k), AUTOSAVE)).toBe(saved);
});

test("an invalid upload names the field; scenario text is shown as text, never as HTML", async ({ page }) => {
  await openFresh(page);
  const upload = page.locator('input[type="file"]');
  const bad = {
    ...shipped("a2a-three-boxes-master-isolated.json"),
    groups: [{ name: "mymaster", sentinel: { quorum: 0 } }],
  };
  await upload.setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const alert = page.getByRole("alert");
  await expect(alert).toContainText('"broken.json" is not a valid scenario; nothing was changed');
  await expect(alert).toContainText("groups[0].sentinel.quorum");
  await expect(page.locator(".current-title")).toContainText("Example 2a");

  await upload.setInputFiles({ name: "junk.json", mimeType: "application/json", buffer: Buffer.from("{ nope") });
  await expect(page.getByRole("alert").last()).toContainText("not valid JSON");

  const html = "<img src=x onerror=\"document.title='pwned'\"><b>bold</b>";
  const evil = { ...shipped("a2a-three-boxes-master-isolated.json"), title: html, description: html };
  await upload.setInputFiles({
    name: "evil.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(evil)),
  });
  await waitForRun(page);
  await expect(page.locator(".current-title")).toHaveText(html);
  await page.getByRole("tab", { name: "Scenario" }).click();
  await expect(page.locator(".run-panel .description")).toHaveText(html);
  expect(await page.locator(".app img, .app b").count()).toBe(0);
  expect(await page.title()).toBe("Sentinel Lab");
});

test("an impossible edit gets an inline message and never reaches the model", async ({ page }) => {
  await openFresh(page);
  const summary = (await page.getByTestId("run-summary").textContent()) ?? "";
  await page.getByRole("tab", { name: "Inspect & edit" }).click();
  const quorum = page.getByLabel("quorum");
  await quorum.fill("4");
  await quorum.press("Enter");
  const field = page.locator(".field.invalid");
  await expect(field).toContainText("has quorum 4 but only 3 Sentinels monitor it: it can never fail over");
  await expect(quorum).toHaveAttribute("aria-invalid", "true");
  await quorum.fill("two");
  await quorum.press("Enter");
  await expect(field).toContainText("a number is needed here");
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
  expect((await page.getByTestId("run-summary").textContent()) ?? "").toBe(summary);

  // A valid value goes through and reruns.
  await quorum.fill("3");
  await quorum.press("Enter");
  await expect(page.locator(".field.invalid")).toHaveCount(0);
  await waitForRun(page);
  await expect(page.getByRole("button", { name: "Undo" })).toBeEnabled();
});
