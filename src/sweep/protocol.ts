import type { Scenario } from "../scenario/schema";
import type { SweepPlan } from "./cases";
import { type CellJob, type CellResult, runCell } from "./run";
import type { SweepSettings } from "./settings";

// Messages between the explorer and its workers, and the worker's side as a plain function, so tests can
// drive exactly what a worker runs without a browser.

export type ToWorker =
  | { type: "start"; scenario: Scenario; settings: SweepSettings; plan: SweepPlan }
  | { type: "run"; job: CellJob };

export type FromWorker =
  | { type: "cell"; cell: CellResult; computeMs: number }
  | { type: "error"; job: CellJob | null; message: string };

export interface WorkerCore {
  handle(msg: ToWorker): FromWorker | null;
}

export function createWorkerCore(now: () => number = () => performance.now()): WorkerCore {
  let context: Extract<ToWorker, { type: "start" }> | null = null;
  return {
    handle(msg) {
      if (msg.type === "start") {
        context = msg;
        return null;
      }
      if (!context) return { type: "error", job: msg.job, message: "the worker got a cell before the sweep started" };
      const t0 = now();
      try {
        const cell = runCell(context.scenario, context.settings, context.plan, msg.job);
        return { type: "cell", cell, computeMs: now() - t0 };
      } catch (e) {
        return { type: "error", job: msg.job, message: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
