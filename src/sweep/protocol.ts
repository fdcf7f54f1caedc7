import type { Scenario } from "../scenario/schema";
import type { SweepPlan } from "./cases";
import type { SeedOutcome } from "./classify";
import { type MemoEntry, SweepMemo } from "./memo";
import { runCaseSeed, sweepSeeds } from "./run";
import type { SweepSettings } from "./settings";

// Messages between the explorer and its workers, and the worker's side as a plain function, so tests can
// drive exactly what a worker runs without a browser.

export type ToWorker =
  | { type: "start"; scenario: Scenario; settings: SweepSettings; plan: SweepPlan }
  /** One seed of one case: the sweep hands out every case on its first seed before any on its second. */
  | { type: "run"; caseIndex: number; seedIndex: number }
  /** Runs another worker made, for this one's memo. */
  | { type: "learn"; entries: MemoEntry[] };

export type FromWorker =
  | {
      type: "outcomes";
      caseIndex: number;
      seedIndex: number;
      /** One per column. */
      outcomes: SeedOutcome[];
      /** Simulations this took: its other columns were runs the memo already had. */
      simulated: number;
      learned: MemoEntry[];
      computeMs: number;
    }
  | { type: "error"; caseIndex: number | null; seedIndex: number | null; message: string };

export interface WorkerCore {
  handle(msg: ToWorker): FromWorker | null;
}

export function createWorkerCore(now: () => number = () => performance.now()): WorkerCore {
  let context: Extract<ToWorker, { type: "start" }> | null = null;
  // The runs this worker has made: later cases reuse those that are the same run (memo.ts).
  let memo = new SweepMemo();
  return {
    handle(msg) {
      if (msg.type === "start") {
        context = msg;
        memo = new SweepMemo();
        return null;
      }
      if (msg.type === "learn") {
        memo.learn(msg.entries);
        return null;
      }
      const { caseIndex, seedIndex } = msg;
      if (!context)
        return { type: "error", caseIndex, seedIndex, message: "the worker got a case before the sweep started" };
      const t0 = now();
      try {
        const before = memo.runs;
        const seed = sweepSeeds(context.scenario, context.settings)[seedIndex]!;
        const outcomes = runCaseSeed(context.scenario, context.settings, context.plan, caseIndex, seed, memo);
        const simulated = memo.runs - before;
        return {
          type: "outcomes",
          caseIndex,
          seedIndex,
          outcomes,
          simulated,
          learned: memo.drain(),
          computeMs: now() - t0,
        };
      } catch (e) {
        return { type: "error", caseIndex, seedIndex, message: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
