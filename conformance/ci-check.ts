// npm run test:conformance (a step of `npm test`): the short conformance check of issue 5.
//
// Runs two short scenarios once each on real Redis 7.0 inside a private network namespace and compares
// them with the model over MODEL_SEEDS seeds, with the same tolerances as the full report
// (conformance/compare.ts). It runs only as root on Linux with `ip netns`; anywhere else it says plainly
// that it did not run and why, and succeeds. It installs redis-server, redis-sentinel and iptables with
// apt-get when they are missing. It fails on a harness error or on a disagreement beyond the tolerances.
// The runs are written to conformance/.work/ci/ (git-ignored), never over the committed runs.
//
// SLAB_CONFORMANCE=skip skips it (it says so).

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { simulate } from "../src/model/simulate";
import { parseScenarioText } from "../src/scenario/validate";
import { compareOutcomes, DEFAULT_MODEL_SEEDS, formatComparison } from "./compare";
import {
  cleanupAll,
  EnvironmentError,
  installCleanupHandlers,
  installPackages,
  preflight,
  REPO_ROOT,
  removeStaleNamespaces,
  runScenario,
  WORK_ROOT,
} from "./harness";
import { outcomes } from "./outcomes";
import { encodeRun } from "./runfile";
import { conformanceVariant, runsFsyncMs } from "./variant";

/** Short and robust: a failover after a crashed master box (quorum 3 of 4), and a blip shorter than down-after. */
export const CI_SCENARIOS = ["a4a-four-sentinels-master-dies", "c13-short-partition"] as const;
export const MODEL_SEEDS = DEFAULT_MODEL_SEEDS;
/** What the check should take (issue 5); it warns beyond it. */
const TARGET_MS = 180_000;
/** Hard bound: past it everything is killed, the namespace deleted and the check fails. */
const HARD_LIMIT_MS = 300_000;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (m: string) => console.log(`conformance check: ${m}`);

function notRun(why: string): never {
  say(`NOT RUN — ${why}.`);
  say("it runs inside `npm test` only as root on Linux with `ip netns`; `sudo npm run test:conformance` runs it.");
  process.exit(0);
}

function ok(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 30_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}`.trim() };
}

function conditions(): void {
  if (process.env.SLAB_CONFORMANCE === "skip") notRun("SLAB_CONFORMANCE=skip is set");
  if (process.platform !== "linux")
    notRun(`this is ${process.platform}, and the harness needs Linux network namespaces`);
  if (process.getuid?.() !== 0) notRun("not running as root (ip netns and iptables need root)");
  if (!ok("sh", ["-c", "command -v ip"]).ok) {
    try {
      installPackages(["iproute2"], "`ip` is missing", say);
    } catch (e) {
      notRun(`\`ip\` (iproute2) is not installed and could not be installed: ${(e as Error).message}`);
    }
  }
  const probe = `slab-ci-${process.pid}`;
  const add = ok("ip", ["netns", "add", probe]);
  ok("ip", ["netns", "del", probe]);
  if (!add.ok) notRun(`\`ip netns add\` does not work here (${add.out || "no message"})`);
}

async function main(): Promise<number> {
  conditions();
  installCleanupHandlers();
  const hard = setTimeout(() => {
    console.error(
      `conformance check: FAILED — not finished after ${HARD_LIMIT_MS / 1000} s; its processes were killed and its namespace deleted`,
    );
    cleanupAll();
    process.exit(1);
  }, HARD_LIMIT_MS);
  hard.unref();

  let pre: { redisVersion: string; notes: string[] };
  try {
    pre = preflight(say);
  } catch (e) {
    if (e instanceof EnvironmentError) notRun(e.message);
    throw e;
  }
  removeStaleNamespaces(say);
  say(
    `redis-server ${pre.redisVersion}; ${CI_SCENARIOS.join(", ")}: one real run each, model over ${MODEL_SEEDS} seeds`,
  );

  const outDir = join(WORK_ROOT, "ci");
  mkdirSync(outDir, { recursive: true });
  const failures: string[] = [];
  for (const id of CI_SCENARIOS) {
    const parsed = parseScenarioText(readFileSync(join(REPO_ROOT, "scenarios", `${id}.json`), "utf8"));
    if (!parsed.ok) throw new Error(`scenarios/${id}.json: ${parsed.problems.join("; ")}`);
    const scenario = parsed.scenario;
    const variant = conformanceVariant(scenario);
    const trace = await runScenario(scenario, {
      run: 1,
      log: (m) => console.log(m),
      redisVersion: pre.redisVersion,
      preflightNotes: pre.notes,
    });
    const file = join(outDir, `${id}.json`);
    writeFileSync(file, encodeRun(trace));
    // The model runs with this run's sentinel.conf rewrite time (see VariantOptions).
    const modelVariant = conformanceVariant(scenario, { configFsyncMs: runsFsyncMs([trace]) });
    const model = [];
    for (let seed = 1; seed <= MODEL_SEEDS; seed++)
      model.push(outcomes(simulate(modelVariant, { seed }), modelVariant));
    const result = compareOutcomes([outcomes(trace, variant)], model);
    const text = formatComparison(id, result);
    // The verdict and the failed checks; the whole table when it fails.
    console.log(result.conforms ? text.split("\n")[0] : text);
    if (!result.conforms)
      failures.push(
        `${id}: ${result.checks
          .filter((c) => !c.ok)
          .map((c) => `${c.scope} · ${c.name}: ${c.why}`)
          .join("; ")} (run saved in ${file})`,
      );
  }
  clearTimeout(hard);
  const took = Date.now() - started;
  if (took > TARGET_MS) say(`warning: took ${elapsed()}, more than the ${TARGET_MS / 1000} s it should take`);
  if (failures.length) {
    console.error(
      `conformance check: FAILED after ${elapsed()} — real Redis and the model disagree beyond the tolerances:`,
    );
    for (const f of failures) console.error(`  ${f}`);
    return 1;
  }
  say(`passed in ${elapsed()}: ${CI_SCENARIOS.length} of ${CI_SCENARIOS.length} scenarios conform`);
  return 0;
}

main().then(
  (code) => {
    cleanupAll();
    process.exit(code);
  },
  (e: Error) => {
    console.error(`conformance check: FAILED — the harness failed: ${e.stack ?? e.message}`);
    cleanupAll();
    process.exit(1);
  },
);
