import type { Scenario } from "../scenario/schema";
import type { SweepPlan } from "./cases";
import type { FromWorker, ToWorker } from "./protocol";
import type { CellResult } from "./run";
import type { SweepSettings } from "./settings";

// Runs a sweep on a pool of workers: hands out cases one by one (plus one in reserve per worker, so no
// worker waits for the next message), streams each case's cells back, and stops them all on cancel.

export interface WorkerPort {
  send(msg: ToWorker): void;
  listen(onMessage: (msg: FromWorker) => void, onError: (message: string) => void): void;
  terminate(): void;
}

/** A real Web Worker, bundled by Vite from worker.ts. */
export function browserWorker(): WorkerPort {
  const w = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  return {
    send: (msg) => w.postMessage(msg),
    listen: (onMessage, onError) => {
      w.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
      w.onerror = (e) => onError(e.message || "a sweep worker could not start");
    },
    terminate: () => w.terminate(),
  };
}

export function defaultWorkerCount(): number {
  const cores = typeof navigator === "undefined" ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(cores, 16));
}

/**
 * Every index below n once: block after block of `block` indices, so the matrix still fills from the top, and
 * within a block neighbours far apart. Cases that are the same run (memo.ts) are often neighbours in the
 * enumeration; handed out together, two workers would both simulate them before either learns of the other.
 */
export function spreadOrder(n: number, block = 64): number[] {
  const out: number[] = [];
  for (let start = 0; start < n; start += block) {
    const size = Math.min(block, n - start);
    let step = Math.max(1, Math.round(size * 0.618));
    while (gcd(step, size) !== 1) step++;
    for (let i = 0; i < size; i++) out.push(start + ((i * step) % size));
  }
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export interface SweepProgress {
  cellsDone: number;
  cellsTotal: number;
  /** Simulations run so far; the other cells done were the same runs as one of these. */
  simulated: number;
  /** Cases whose every column has a result. */
  casesDone: number;
  casesTotal: number;
  elapsedMs: number;
  /** Time left at the pace so far; null until the first result. */
  etaMs: number | null;
}

export interface SweepHandlers {
  onCell(cell: CellResult, progress: SweepProgress): void;
  onCaseError(caseIndex: number, message: string): void;
  onFinish(state: "done" | "cancelled" | "failed", message?: string): void;
}

export interface SweepPoolOptions {
  workers: number;
  createWorker: () => WorkerPort;
  now?: () => number;
}

export interface RunningSweep {
  cancel(): void;
}

export function startSweep(
  scenario: Scenario,
  settings: SweepSettings,
  plan: SweepPlan,
  handlers: SweepHandlers,
  options: SweepPoolOptions,
): RunningSweep {
  const now = options.now ?? (() => performance.now());
  const startedMs = now();
  const total = plan.cases.length * plan.columns.length;
  let next = 0;
  let simulated = 0;
  let casesDone = 0;
  let over = false;
  const ports: WorkerPort[] = [];

  const stop = (state: "done" | "cancelled" | "failed", message?: string) => {
    if (over) return;
    over = true;
    for (const p of ports) p.terminate();
    handlers.onFinish(state, message);
  };
  const order = spreadOrder(plan.cases.length);
  const feed = (port: WorkerPort) => {
    if (next < order.length) port.send({ type: "run", caseIndex: order[next++]! });
  };
  const progress = (): SweepProgress => {
    // Every case reports all its columns at once, done or failed.
    const finished = casesDone * plan.columns.length;
    const elapsedMs = now() - startedMs;
    return {
      cellsDone: finished,
      cellsTotal: total,
      simulated,
      casesDone,
      casesTotal: plan.cases.length,
      elapsedMs,
      etaMs: finished ? (elapsedMs / finished) * (total - finished) : null,
    };
  };

  const count = Math.max(1, Math.min(options.workers, plan.cases.length));
  for (let i = 0; i < count && !over; i++) {
    const port = options.createWorker();
    ports.push(port);
    port.listen(
      (msg) => {
        if (over) return;
        if (msg.type === "cells") {
          if (msg.learned.length)
            for (const other of ports) if (other !== port) other.send({ type: "learn", entries: msg.learned });
          casesDone++;
          simulated += msg.simulated;
          const p = progress();
          for (const cell of msg.cells) if (!over) handlers.onCell(cell, p);
        } else if (msg.caseIndex !== null) {
          casesDone++;
          handlers.onCaseError(msg.caseIndex, msg.message);
        } else return stop("failed", msg.message);
        if (over) return;
        feed(port);
        if (casesDone === plan.cases.length) stop("done");
      },
      (message) => stop("failed", message),
    );
    port.send({ type: "start", scenario, settings, plan });
    feed(port);
    feed(port);
  }
  if (total === 0) stop("done");
  return { cancel: () => stop("cancelled") };
}
