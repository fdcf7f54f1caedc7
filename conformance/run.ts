// npm run conformance -- [scenario.json ...] [--runs N] [--all] [--dry-run] [--compare-only] [--seeds M]
//
// Runs each scenario N times on real Redis 7.0 (see conformance/README.md) and writes
// docs/conformance/runs/<scenario-id>-<n>.json, then compares the runs with the model over M seeds
// (default max(N, 30)). --dry-run prints the namespace, iptables and process plan and runs nothing.
// --compare-only runs nothing either: it compares the saved runs with the model. --all takes every
// scenarios/*.json.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Trace } from "../src/model/trace";
import type { Scenario } from "../src/scenario/schema";
import { parseScenarioText } from "../src/scenario/validate";
import { compareOutcomes, DEFAULT_MODEL_SEEDS, formatComparison } from "./compare";
import {
  installCleanupHandlers,
  preflight,
  REPO_ROOT,
  type RealTrace,
  RUNS_DIR,
  removeStaleNamespaces,
  runScenario,
  saveRun,
  workDirFor,
} from "./harness";
import { type Outcomes, outcomes } from "./outcomes";
import { buildPlan, formatPlan } from "./plan";
import { loadRuns } from "./runfile";
import { cannotRun, conformanceVariant, runsFsyncMs, variantWarnings } from "./variant";

interface Args {
  files: string[];
  runs: number;
  all: boolean;
  dryRun: boolean;
  compareOnly: boolean;
  seeds: number;
}

const MAX_RUNS = 20;

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [], runs: 1, all: false, dryRun: false, compareOnly: false, seeds: 0 };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === "--runs" || x === "--seeds") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > MAX_RUNS)
        throw new Error(`${x} needs a whole number from 1 to ${MAX_RUNS}`);
      if (x === "--runs") a.runs = n;
      else a.seeds = n;
    } else if (x === "--all") a.all = true;
    else if (x === "--dry-run") a.dryRun = true;
    else if (x === "--compare-only") a.compareOnly = true;
    else if (x === "--help" || x === "-h") {
      console.log(
        "npm run conformance -- [scenario.json ...] [--runs N] [--all] [--dry-run] [--compare-only] [--seeds M]",
      );
      process.exit(0);
    } else if (x.startsWith("--")) throw new Error(`unknown option ${x}`);
    else a.files.push(x);
  }
  if (a.all) {
    const dir = join(REPO_ROOT, "scenarios");
    if (existsSync(dir)) for (const f of readdirSync(dir).sort()) if (f.endsWith(".json")) a.files.push(join(dir, f));
  }
  if (!a.files.length) throw new Error("no scenario given (pass files, or --all for scenarios/*.json)");
  return a;
}

function load(file: string): Scenario {
  const v = parseScenarioText(readFileSync(resolve(file), "utf8"));
  if (!v.ok) throw new Error(`${file}:\n  ${v.problems.join("\n  ")}`);
  return v.scenario;
}

type Simulate = (s: Scenario, opts: { seed: number }) => Trace;

/** The model, when src/model/simulate.ts exists and exports simulate(scenario, { seed }). */
async function loadModel(): Promise<Simulate | null> {
  const path = join(REPO_ROOT, "src", "model", "simulate.ts");
  if (!existsSync(path)) return null;
  try {
    const m = (await import(path)) as { simulate?: Simulate };
    return typeof m.simulate === "function" ? m.simulate : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scenarios = args.files.map((f) => ({ file: f, scenario: load(f) }));

  if (args.dryRun) {
    for (const { scenario } of scenarios) {
      const why = cannotRun(scenario);
      if (why) {
        console.log(`${scenario.id}: not run on real Redis: ${why}\n`);
        continue;
      }
      const v = conformanceVariant(scenario);
      const plan = buildPlan(v, { ns: `slab-${process.pid}`, workDir: workDirFor(v, 1) });
      console.log(formatPlan(plan, v));
      for (const w of variantWarnings(scenario)) console.log(`note: ${w}`);
      console.log("");
    }
    return;
  }

  const log = (m: string) => console.log(m);
  let pre: { redisVersion: string; notes: string[] } = { redisVersion: "", notes: [] };
  if (!args.compareOnly) {
    installCleanupHandlers();
    pre = preflight(log);
    removeStaleNamespaces(log);
    log(`redis-server ${pre.redisVersion}; ${scenarios.length} scenario(s) × ${args.runs} run(s)`);
  }
  const simulate = await loadModel();

  for (const { scenario } of scenarios) {
    const why = cannotRun(scenario);
    if (why && !args.compareOnly) {
      log(`${scenario.id}: not run on real Redis: ${why}`);
      continue;
    }
    const variant = conformanceVariant(scenario);
    const real: Trace[] = [];
    if (args.compareOnly) {
      real.push(...savedRuns(scenario));
      log(`${scenario.id}: ${real.length} saved run(s)`);
    } else
      for (let run = 1; run <= args.runs; run++) {
        const trace = await runScenario(scenario, {
          run,
          log,
          redisVersion: pre.redisVersion,
          preflightNotes: pre.notes,
        });
        log(`saved ${saveRun(trace, scenario)}`);
        log(summarizeOutcomes(outcomes(trace, variant)));
        real.push(trace);
      }
    if (!real.length) continue;
    if (!simulate) {
      log(`model comparison for ${scenario.id}: PENDING (src/model/simulate.ts is not available yet)`);
      continue;
    }
    const seeds = Math.max(args.seeds || DEFAULT_MODEL_SEEDS, real.length);
    // The model runs with the real runs' sentinel.conf rewrite time (see VariantOptions).
    const modelVariant = conformanceVariant(scenario, { configFsyncMs: runsFsyncMs(real as RealTrace[]) });
    const model: Outcomes[] = [];
    for (let seed = 1; seed <= seeds; seed++) model.push(outcomes(simulate(modelVariant, { seed }), modelVariant));
    const result = compareOutcomes(
      real.map((t) => outcomes(t, variant)),
      model,
    );
    log(formatComparison(scenario.id, result));
  }
}

/** Saved real runs of a scenario: docs/conformance/runs/<id>-<n>.json, by n. */
function savedRuns(s: Scenario): RealTrace[] {
  return loadRuns(RUNS_DIR, s.id);
}

export function summarizeOutcomes(o: Outcomes): string {
  const lines: string[] = [];
  for (const g of o.groups)
    lines.push(
      `  group ${g.group}: failovers ${g.failovers}, first fault → +switch-master ${fmt(g.faultToSwitchMs)}, promoted ${g.promoted ?? "-"}, final master ${g.finalMaster ?? "?"}, demoted ${fmt(g.demotionAfterHealMs)} after the heal`,
    );
  for (const c of o.clients)
    lines.push(
      `  client ${c.client}: acked ${c.acked}, refused ${c.refused} ${JSON.stringify(c.refusedBy)}, unknown ${c.unknown}, lost ${c.lost}; first NOREPLICAS ${fmt(c.firstNoreplicasMs)}, first READONLY ${fmt(c.firstReadonlyMs)}`,
    );
  lines.push(`  events: ${o.events.join(" ")}`);
  return lines.join("\n");
}

function fmt(ms: number | null): string {
  return ms === null ? "-" : `${(ms / 1000).toFixed(2)} s`;
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(`conformance: ${e.message}`);
    process.exit(1);
  },
);
