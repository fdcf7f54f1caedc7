import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

// `npm run bench [-- --json] [--only engine,ui,sweep]`: figures, not tests. The engine runs from an esbuild bundle
// in a fresh Node process (as the browser gets it: no tsx name-keeping wrappers), with --expose-gc for heap figures.

type Figures = Record<string, number | string>;

async function engine(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), "slab-bench-"));
  try {
    const out = join(dir, "engine.mjs");
    await build({
      entryPoints: ["bench/engine-main.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: out,
      logLevel: "warning",
    });
    return JSON.parse(execFileSync(process.execPath, ["--expose-gc", out], { encoding: "utf8" })) as Figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function optional(file: string, fn: string): Promise<Figures> {
  if (!existsSync(file)) return {};
  const mod = (await import(`./${file.replace(/^bench\//, "")}`)) as Record<string, () => Promise<Figures>>;
  const run = mod[fn];
  return run ? await run() : {};
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const onlyArg = args[args.indexOf("--only") + 1];
  const only = args.includes("--only") && onlyArg ? new Set(onlyArg.split(",")) : null;
  const want = (k: string) => !only || only.has(k);
  // Each section is shown as soon as it is measured: the engine's figures take seconds, the ui's and the sweep's
  // about 40 s each. With --json, each line is one whole JSON object with every figure measured so far: the first
  // (the engine's) comes within seconds, and the last has them all.
  const figures: Figures = {};
  const section = (part: Figures) => {
    Object.assign(figures, part);
    if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
    else for (const [k, v] of Object.entries(part)) process.stdout.write(`${k.padEnd(32)} ${v}\n`);
  };
  if (want("engine")) section(await engine());
  if (want("ui")) section(await optional("bench/ui.ts", "runUiBench"));
  if (want("sweep")) section(await optional("bench/sweep.ts", "runSweepBench"));
}

await main();
