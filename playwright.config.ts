import { defineConfig, devices } from "@playwright/test";

// The e2e tests run against Debian's system Chromium (see scripts/ensure-chromium.mjs), never a
// browser downloaded by Playwright.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= "1";

// An empty CHROMIUM_PATH counts as unset, as in scripts/ensure-chromium.mjs.
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const port = 4173;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  reporter: "list",
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        headless: true,
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite build && npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
