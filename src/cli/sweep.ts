import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { InvariantViolation } from "../model/recorder";
import { parseDuration } from "../scenario/duration";
import type { Scenario } from "../scenario/schema";
import { parseScenarioText } from "../scenario/validate";
import { planSweep, type SweepPlan } from "../sweep/cases";
import { SweepMemo } from "../sweep/memo";
import { startSweep, type WorkerPort } from "../sweep/pool";
import type { FromWorker } from "../sweep/protocol";
import { formatReport, sweepReport } from "../sweep/report";
import { type CellResult, isFinal, runAllCells } from "../sweep/run";
import { DEFAULT_SETTINGS, type SweepSettings } from "../sweep/settings";

// `npm run sweep -- scenario.json`: the explorer's engine without the browser, same cells, same order.

const USAGE =
  "usage: npm run sweep -- <scenario.json> [--duration 60s] [--seeds 5] [--quorums 1,2,3] [--kind drop|reject]\n" +
  "                        [--no-crashes] [--cuts] [--min-replicas] [--sample N] [--workers N] [--json]";

interface Args {
  file: string;
  settings: SweepSettings;
  json: boolean;
  workers: number;
}

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  const settings: SweepSettings = { ...DEFAULT_SETTINGS };
  let json = false;
  let workers = availableParallelism();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | null => argv[++i] ?? null;
    if (arg === "--duration") {
      const ms = parseDuration(value() ?? "");
      if (ms === null) return "--duration takes a time like 60s, 2m or 90000ms";
      settings.durationMs = ms;
    } else if (arg === "--seeds" || arg === "--sample" || arg === "--workers") {
      const n = Number(value());
      if (!Number.isInteger(n)) return `${arg} takes a whole number`;
      if (arg === "--seeds") settings.seeds = n;
      else if (arg === "--sample") settings.sample = n;
      else if (n < 1) return "--workers takes 1 or more";
      else workers = n;
    } else if (arg === "--quorums") {
      const list = (value() ?? "").split(",").map(Number);
      if (list.some((q) => !Number.isInteger(q))) return "--quorums takes a list like 1,2,3";
      settings.quorums = list;
    } else if (arg === "--kind") {
      const kind = value();
      if (kind !== "drop" && kind !== "reject") return "--kind is drop or reject";
      settings.kind = kind;
    } else if (arg === "--no-crashes") settings.crashes = false;
    else if (arg === "--cuts") settings.oneWayCuts = true;
    else if (arg === "--min-replicas") settings.minReplicas = true;
    else if (arg === "--json") json = true;
    else if (arg === "--help" || arg === "-h") return USAGE;
    else if (arg.startsWith("-")) return `unknown option ${arg}`;
    else if (file) return `only one scenario file, got ${file} and ${arg}`;
    else file = arg;
  }
  if (!file) return "no scenario file given";
  return { file, settings, json, workers };
}

/**
 * A Node worker thread running sweepWorker: its bundle beside this one (scripts/cli.mjs), else the source, which
 * tsx compiles there as it does here.
 */
function nodeWorker(): WorkerPort {
  const bundled = new URL("./sweepWorker.mjs", import.meta.url);
  const file = JSON.stringify(new URL("./sweepWorker.ts", import.meta.url).href);
  const w = existsSync(fileURLToPath(bundled))
    ? new Worker(bundled)
    : new Worker(`import("tsx/esm/api").then(({ tsImport }) => tsImport(${file}, ${file}))`, { eval: true });
  return {
    send: (msg) => w.postMessage(msg),
    listen: (onMessage, onError) => {
      w.on("message", (msg: FromWorker) => onMessage(msg));
      w.on("error", (e) => onError(e.message));
    },
    terminate: () => void w.terminate(),
  };
}

/** The cells on worker threads through the explorer's own pool; on this thread when there is one worker. */
function runCells(
  scenario: Scenario,
  args: Args,
  plan: SweepPlan,
  progress: (text: string) => void,
): Promise<{ cells: CellResult[]; simulated: number }> {
  if (args.workers === 1) {
    const memo = new SweepMemo();
    const cells = runAllCells(
      scenario,
      args.settings,
      plan,
      (done, total) => progress(`${done}/${total} cases, ${memo.runs} simulated`),
      memo,
    );
    return Promise.resolve({ cells, simulated: memo.runs });
  }
  const cells: CellResult[] = [];
  let simulated = 0;
  return new Promise((resolve, reject) => {
    startSweep(
      scenario,
      args.settings,
      plan,
      {
        onCell(cell, p) {
          if (isFinal(cell, args.settings.seeds)) cells.push(cell);
          simulated = p.simulated;
          progress(
            p.seedsEverywhere < args.settings.seeds
              ? `seed ${p.seedsEverywhere + 1}/${args.settings.seeds}: ${p.casesOnNextSeed}/${p.casesTotal} cases, ${p.simulated} simulated`
              : `${p.casesDone}/${p.casesTotal} cases, ${p.cellsDone}/${p.cellsTotal} cells, ${p.simulated} simulated`,
          );
        },
        onCaseError: (caseIndex, message) => reject(new Error(`case ${caseIndex + 1}: ${message}`)),
        onFinish: (state, message) =>
          state === "done" ? resolve({ cells, simulated }) : reject(new Error(message ?? state)),
      },
      { workers: args.workers, createWorker: nodeWorker },
    );
  });
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(args === USAGE ? `${USAGE}\n` : `${args}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, "utf8");
  } catch (e) {
    process.stderr.write(`cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const v = parseScenarioText(text);
  if (!v.ok) {
    process.stderr.write(`${args.file} is not a valid scenario:\n${v.problems.map((p) => `  - ${p}`).join("\n")}\n`);
    return 2;
  }
  const planned = planSweep(v.scenario, args.settings);
  if (!planned.ok) {
    const offer = planned.tooLarge ? `\nrun it with --sample ${planned.tooLarge.suggestedSample}` : "";
    process.stderr.write(`${planned.message}${offer}\n`);
    return 2;
  }
  const { plan } = planned;
  const startedMs = performance.now();
  const showProgress = !args.json && process.stderr.isTTY;
  const { cells, simulated } = await runCells(v.scenario, args, plan, (text) => {
    if (showProgress) process.stderr.write(`\r${text}`);
  });
  const seconds = (performance.now() - startedMs) / 1000;
  if (showProgress) process.stderr.write("\n");
  const report = sweepReport(v.scenario, args.settings, plan, cells);
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
  // The other cells were runs already made (the same quorum comparisons and network paths: src/sweep/memo.ts).
  if (!args.json)
    process.stderr.write(`${plan.runs} cells (${simulated} simulated, the rest reused) in ${seconds.toFixed(1)} s\n`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof InvariantViolation) {
    process.stderr.write(`model bug: ${e.message}\n`);
    process.exitCode = 3;
  } else throw e;
}
