import type { Scenario } from "../scenario/schema";
import type { SweepPlan } from "./cases";
import type { SeedOutcome } from "./classify";
import type { FromWorker, ToWorker } from "./protocol";
import { type CellResult, combineSeeds } from "./run";
import type { SweepSettings } from "./settings";

// Runs a sweep on a pool of workers: hands out cases one seed at a time (plus one in reserve per worker, so no
// worker waits for the next message), streams the cells back as each seed refines them, and stops them all on
// cancel.

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
 * Every index below n once: block after block of `block` indices, so each seed's pass fills the matrix from the top,
 * and within a block neighbours far apart. Cases that are the same run (memo.ts) are often neighbours in the
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
  /** Cells with a result on every seed. */
  cellsDone: number;
  cellsTotal: number;
  /** Simulations run so far. */
  simulated: number;
  /** Results per cell and seed so far: each was simulated, or reused a run that was (memo.ts). */
  results: number;
  /** Cases whose every column has a result on every seed (or whose run failed). */
  casesDone: number;
  casesTotal: number;
  /** Cases × seeds done (each is every column of one case on one seed), and in all. */
  unitsDone: number;
  unitsTotal: number;
  /** Seeds every cell has a result on so far: the sweep runs every case on a seed before any on the next. */
  seedsEverywhere: number;
  /** Cases done on the seed after those (all of them once every seed is done). */
  casesOnNextSeed: number;
  elapsedMs: number;
  /** Time left at the pace so far; null until the first result. */
  etaMs: number | null;
}

export interface SweepHandlers {
  /**
   * A cell over the seeds done so far: once after each of its seeds, the last time with every seed
   * (`isFinal`).
   */
  onCell(cell: CellResult, progress: SweepProgress): void;
  /** The case's run failed (a bug in the model): cells already shown for it on earlier seeds no longer stand. */
  onCaseError(caseIndex: number, message: string, progress: SweepProgress): void;
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
  const cases = plan.cases.length;
  const width = plan.columns.length;
  const seeds = settings.seeds;
  // Every case on the first seed, then every case on the second, and so on: the whole matrix shows early, and
  // each further pass refines it.
  const order = spreadOrder(cases);
  const unitsTotal = cases * seeds;
  let next = 0;
  let unitsDone = 0;
  let resultsDone = 0;
  let simulated = 0;
  let casesDone = 0;
  let over = false;
  const ports: WorkerPort[] = [];
  /** Per case, per seed, one outcome per column. */
  const results: Array<Array<SeedOutcome[] | undefined>> = Array.from({ length: cases }, () => []);
  const seedsDone = new Array<number>(cases).fill(0);
  const failed = new Array<boolean>(cases).fill(false);
  /** withSeeds[k]: cases still running or done (not failed) with k or more seeds done. */
  const withSeeds = new Array<number>(seeds + 1).fill(0);
  withSeeds[0] = cases;
  let live = cases;

  const stop = (state: "done" | "cancelled" | "failed", message?: string) => {
    if (over) return;
    over = true;
    for (const p of ports) p.terminate();
    handlers.onFinish(state, message);
  };
  const feed = (port: WorkerPort) => {
    while (next < unitsTotal) {
      const caseIndex = order[next % cases]!;
      const seedIndex = Math.floor(next / cases);
      next++;
      if (failed[caseIndex]) {
        // A case that failed is not run on its other seeds; they count as done, so the time left stays right.
        unitsDone++;
        continue;
      }
      port.send({ type: "run", caseIndex, seedIndex });
      return;
    }
  };
  const progress = (): SweepProgress => {
    const elapsedMs = now() - startedMs;
    let everywhere = 0;
    while (everywhere < seeds && withSeeds[everywhere + 1] === live) everywhere++;
    const completeCells = (casesDone - (cases - live)) * width;
    return {
      cellsDone: completeCells,
      cellsTotal: cases * width,
      simulated,
      results: resultsDone,
      casesDone,
      casesTotal: cases,
      unitsDone,
      unitsTotal,
      seedsEverywhere: live === 0 ? 0 : everywhere,
      casesOnNextSeed: everywhere < seeds ? withSeeds[everywhere + 1]! : live,
      elapsedMs,
      etaMs: unitsDone ? (elapsedMs / unitsDone) * (unitsTotal - unitsDone) : null,
    };
  };
  const received = (caseIndex: number, seedIndex: number, outcomes: SeedOutcome[]) => {
    unitsDone++;
    if (failed[caseIndex]) return;
    results[caseIndex]![seedIndex] = outcomes;
    resultsDone += outcomes.length;
    const done = ++seedsDone[caseIndex]!;
    withSeeds[done]!++;
    if (done === seeds) casesDone++;
    const p = progress();
    const bySeed = results[caseIndex]!.filter((o): o is SeedOutcome[] => o !== undefined);
    for (let ci = 0; ci < width && !over; ci++)
      handlers.onCell(
        combineSeeds(
          caseIndex,
          ci,
          bySeed.map((o) => o[ci]!),
        ),
        p,
      );
  };
  const caseFailed = (caseIndex: number, message: string) => {
    unitsDone++;
    if (failed[caseIndex]) return;
    failed[caseIndex] = true;
    for (let k = 0; k <= seedsDone[caseIndex]!; k++) withSeeds[k]!--;
    live--;
    casesDone++;
    handlers.onCaseError(caseIndex, message, progress());
  };

  const count = Math.max(1, Math.min(options.workers, unitsTotal));
  for (let i = 0; i < count && !over; i++) {
    const port = options.createWorker();
    ports.push(port);
    port.listen(
      (msg) => {
        if (over) return;
        if (msg.type === "outcomes") {
          if (msg.learned.length)
            for (const other of ports) if (other !== port) other.send({ type: "learn", entries: msg.learned });
          simulated += msg.simulated;
          received(msg.caseIndex, msg.seedIndex, msg.outcomes);
        } else if (msg.caseIndex !== null) caseFailed(msg.caseIndex, msg.message);
        else return stop("failed", msg.message);
        if (over) return;
        if (casesDone === cases) return stop("done");
        feed(port);
      },
      (message) => stop("failed", message),
    );
    port.send({ type: "start", scenario, settings, plan });
    feed(port);
    feed(port);
  }
  if (unitsTotal === 0) stop("done");
  return { cancel: () => stop("cancelled") };
}
