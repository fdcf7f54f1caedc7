#!/usr/bin/env node
// Make sure a system Chromium is available for the Playwright e2e tests.
//
// The browser is looked up at $CHROMIUM_PATH, else /usr/bin/chromium (Debian's `chromium` package).
// If it is missing and we run as root on Debian, it is installed with apt-get; otherwise we print
// what to do and exit 1. This script never downloads a browser from the internet by itself
// (no `playwright install`): the only source is the distribution's package manager.

import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";

const DEFAULT_PATH = "/usr/bin/chromium";
const fromEnv = process.env.CHROMIUM_PATH;
const chromiumPath = fromEnv && fromEnv.length > 0 ? fromEnv : DEFAULT_PATH;

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function version(path) {
  // Debian's /usr/bin/chromium is a shell wrapper that may print noise on stderr; keep stdout only.
  const out = execFileSync(path, ["--version"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 30_000,
  });
  return out.trim();
}

function run(command, args, env) {
  console.log(`ensure-chromium: running: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`ensure-chromium: '${command} ${args.join(" ")}' exited with status ${result.status}`);
    process.exit(1);
  }
}

function explainAndExit() {
  console.error(`ensure-chromium: no Chromium found at ${chromiumPath}.`);
  console.error("The e2e tests use the system Chromium; Playwright never downloads its own browser here.");
  console.error("Fix it with one of:");
  console.error("  sudo apt-get install chromium          # Debian/Ubuntu: installs /usr/bin/chromium");
  console.error("  export CHROMIUM_PATH=/path/to/chromium # any existing Chromium or Chrome binary");
  process.exit(1);
}

if (!isExecutable(chromiumPath)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const isDebian = existsSync("/etc/debian_version");
  // apt installs the browser at /usr/bin/chromium, so installing only helps when that is the path we look at.
  if (isRoot && isDebian && chromiumPath === DEFAULT_PATH) {
    console.log(
      `ensure-chromium: ${chromiumPath} missing; running as root on Debian, installing the chromium package.`,
    );
    run("apt-get", ["update"]);
    run("apt-get", ["install", "-y", "chromium"], { DEBIAN_FRONTEND: "noninteractive" });
    if (!isExecutable(chromiumPath)) explainAndExit();
  } else {
    explainAndExit();
  }
}

let found;
try {
  found = version(chromiumPath);
} catch (err) {
  console.error(`ensure-chromium: ${chromiumPath} exists but '--version' failed: ${err.message}`);
  process.exit(1);
}
console.log(`ensure-chromium: using ${chromiumPath} (${found})`);
