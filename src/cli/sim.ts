import { readFileSync } from "node:fs";
import { distribution } from "../analysis/distribution";
import { verdictOverSeeds } from "../analysis/expectations";
import { formatLog } from "../analysis/log";
import { formatDistribution, formatSeedVerdicts, formatSummary } from "../analysis/report";
import { summarize } from "../analysis/summary";
import { InvariantViolation } from "../model/recorder";
import { simulate } from "../model/simulate";
import { parseDuration } from "../scenario/duration";
import { seedList } from "../scenario/seeds";
import { parseScenarioText } from "../scenario/validate";

const USAGE = `usage: npm run sim -- <scenario.json> [--seed N] [--seeds N] [--until 120s] [--format summary|log|json]`;

interface Args {
  file: string;
  seed?: number;
  seeds: number;
  untilMs?: number;
  format: "summary" | "log" | "json";
}

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  const a: Omit<Args, "file"> = { seeds: 0, format: "summary" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    try {
      if (arg === "--seed") {
        const v = Number(next());
        if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) return "--seed takes an integer from 0 to 4294967295";
        a.seed = v;
      } else if (arg === "--seeds") {
        const v = Number(next());
        if (!Number.isInteger(v) || v < 1 || v > 10000) return "--seeds takes an integer from 1 to 10000";
        a.seeds = v;
      } else if (arg === "--until") {
        const v = parseDuration(next());
        if (v === null || v < 1000) return "--until takes a duration like 120s, 2m or 90000ms (at least 1s)";
        a.untilMs = v;
      } else if (arg === "--format") {
        const v = next();
        if (v !== "summary" && v !== "log" && v !== "json") return "--format is summary, log or json";
        a.format = v;
      } else if (arg === "--help" || arg === "-h") return USAGE;
      else if (arg.startsWith("-")) return `unknown option ${arg}`;
      else if (file) return `only one scenario file, got ${file} and ${arg}`;
      else file = arg;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!file) return "no scenario file given";
  return { file, ...a };
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`${args}\n${args === USAGE ? "" : `${USAGE}\n`}`);
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
  const scenario = v.scenario;
  const opts = {
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.untilMs ? { untilMs: args.untilMs } : {}),
  };
  const trace = simulate(scenario, opts);
  const summary = summarize(scenario, trace);
  if (args.format === "json") process.stdout.write(`${JSON.stringify(trace)}\n`);
  else if (args.format === "log") process.stdout.write(`${formatLog(trace).join("\n")}\n`);
  else process.stdout.write(`${formatSummary(summary)}\n`);
  let pass = summary.pass;
  if (args.seeds > 0) {
    const base = args.seed ?? scenario.seed;
    const runs = seedList(base, args.seeds - 1).map((seed) =>
      summarize(scenario, simulate(scenario, { ...opts, seed })),
    );
    const perSeed = runs.map((r) => ({ seed: r.seed, results: r.expectations }));
    const verdicts = verdictOverSeeds(scenario, perSeed);
    if (args.format === "summary")
      process.stdout.write(
        `${formatDistribution(distribution(runs))}\n${formatSeedVerdicts(verdicts, perSeed.length)}\n`,
      );
    pass = verdicts.every((x) => x.pass);
  }
  return pass ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof InvariantViolation) {
    process.stderr.write(`model bug: ${e.message}\n`);
    process.exitCode = 3;
  } else throw e;
}
