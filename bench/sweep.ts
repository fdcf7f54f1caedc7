import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, preview } from "vite";
import { parseScenarioText } from "../src/scenario/validate";
import { DEFAULT_SETTINGS, type SweepSettings } from "../src/sweep/settings";
import { launchChromium } from "./browser";
import type { SweepPageResult } from "./sweep-page";

// Sweep budget (issue 6): a 7-box topology, all 877 partitions × quorums 1-4 × one seed × a 60 s cut.
//   sweep_7box_s      in Chromium with one worker per core, against a `vite build` served by `vite preview`
//   sweep_7box_cli_s  `npm run sweep` on the same inputs, wall time of the whole command
// Both are checked to give the same report, byte for byte.

const SCENARIO_FILE = "bench/sweep-seven-boxes.json";
const CLI_ARGS = ["--seeds", "1", "--quorums", "1,2,3,4", "--no-crashes", "--json"];
const SETTINGS: SweepSettings = { ...DEFAULT_SETTINGS, seeds: 1, quorums: [1, 2, 3, 4], crashes: false };

function cli(): { seconds: number; report: string } {
  const t0 = performance.now();
  const report = execFileSync(process.execPath, ["scripts/cli.mjs", "sweep", SCENARIO_FILE, ...CLI_ARGS], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { seconds: (performance.now() - t0) / 1000, report: report.trim() };
}

async function browser(): Promise<SweepPageResult> {
  const v = parseScenarioText(readFileSync(SCENARIO_FILE, "utf8"));
  if (!v.ok) throw new Error(`${SCENARIO_FILE}: ${v.problems.join("; ")}`);
  const outDir = mkdtempSync(join(tmpdir(), "slab-sweep-bench-"));
  const quiet = { configFile: "vite.config.ts", logLevel: "warn" as const };
  try {
    await build({
      ...quiet,
      build: { outDir, emptyOutDir: true, sourcemap: false, rollupOptions: { input: "bench/sweep-page.html" } },
    });
    const server = await preview({ ...quiet, build: { outDir }, preview: { port: 4190, host: "127.0.0.1" } });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.resolvedUrls?.local[0] ?? "http://127.0.0.1:4190/"}bench/sweep-page.html`);
      await page.waitForFunction(() => typeof window.runSweep === "function");
      return await page.evaluate(([s, settings]) => window.runSweep(s, settings), [v.scenario, SETTINGS] as const);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function runSweepBench(): Promise<Record<string, number>> {
  const inBrowser = await browser();
  const fromCli = cli();
  const runs = (JSON.parse(fromCli.report) as { plan: { runs: number } }).plan.runs;
  const same = inBrowser.report === fromCli.report && inBrowser.state === "done";
  if (!same) {
    const dir = mkdtempSync(join(tmpdir(), "slab-sweep-diff-"));
    writeFileSync(join(dir, "browser.json"), inBrowser.report);
    writeFileSync(join(dir, "cli.json"), fromCli.report);
    process.stderr.write(
      `sweep bench: the browser's report differs from the CLI's (state ${inBrowser.state}); both in ${dir}\n`,
    );
  }
  const browserS = inBrowser.ms / 1000;
  return {
    sweep_7box_s: Math.round(browserS * 100) / 100,
    sweep_7box_cli_s: Math.round(fromCli.seconds * 100) / 100,
    sweep_7box_runs: runs,
    /** Simulations the browser's workers ran for those cells; the rest were the same runs (src/sweep/memo.ts). */
    sweep_7box_simulated: inBrowser.simulated,
    sweep_7box_workers: inBrowser.workers,
    /** CPU time per simulation in the browser (wall time × workers / simulations). */
    sweep_7box_ms_per_run: Math.round(((inBrowser.ms * inBrowser.workers) / inBrowser.simulated) * 10) / 10,
    sweep_7box_cli_ms_per_run: Math.round(((fromCli.seconds * 1000) / runs) * 10) / 10,
    /** 1 when the browser's report is byte for byte the CLI's. */
    sweep_7box_same_as_cli: same ? 1 : 0,
  };
}
