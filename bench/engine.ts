import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { simulate } from "../src/model/simulate";
import type { Scenario } from "../src/scenario/schema";
import { parseScenarioText } from "../src/scenario/validate";

// Engine budgets (issue 3): example2_realtime_ratio ≥ 20,000, engine_events_per_s ≥ 2,000,000, trace_heap_mb_1h ≤ 50.

function example2(): Scenario {
  const v = parseScenarioText(readFileSync(resolve("scenarios/a2a-three-boxes-master-isolated.json"), "utf8"));
  if (!v.ok) throw new Error(v.problems.join("; "));
  return v.scenario;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

// V8 compiles the engine's hot code in its first runs (the first takes ~120 ms, the next few 25-55 ms, up to the tenth):
// the ratio is the engine's steady state, measured after them; the first run is reported on its own.
const WARMUP_RUNS = 12;

export function runEngineBench(repeats = 15): Record<string, number> {
  const s = example2();
  const tenMin = 600_000;
  const c0 = performance.now();
  simulate(s, { untilMs: tenMin });
  const firstMs = performance.now() - c0;
  for (let i = 1; i < WARMUP_RUNS; i++) simulate(s, { untilMs: tenMin });
  const walls: number[] = [];
  let events = 0;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const tr = simulate(s, { untilMs: tenMin });
    walls.push(performance.now() - t0);
    events = tr.eventsProcessed;
  }
  // The median is the figure; the best run shows what an idle core does (the machine has two, shared).
  const wallMs = median(walls);
  const bestMs = Math.min(...walls);
  const before = heapUsed();
  const trace = simulate(s, { untilMs: 3_600_000 });
  const after = heapUsed();
  return {
    example2_realtime_ratio: Math.round(tenMin / wallMs),
    engine_events_per_s: Math.round((events / wallMs) * 1000),
    example2_realtime_ratio_best: Math.round(tenMin / bestMs),
    example2_10min_wall_ms: Math.round(wallMs * 10) / 10,
    example2_10min_first_run_ms: Math.round(firstMs * 10) / 10,
    example2_10min_events: events,
    trace_heap_mb_1h: Math.round(((after - before) / 1048576) * 10) / 10,
    trace_1h_history_ops: trace.history.length,
  };
}
