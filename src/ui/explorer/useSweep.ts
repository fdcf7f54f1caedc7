import { useSyncExternalStore } from "react";
import type { Scenario } from "../../scenario/schema";
import type { SweepPlan } from "../../sweep/cases";
import { browserWorker, defaultWorkerCount, type RunningSweep, type SweepProgress, startSweep } from "../../sweep/pool";
import type { CellResult } from "../../sweep/run";
import type { SweepSettings } from "../../sweep/settings";

// The explorer's run lives outside React: a sweep keeps running, and its results stay, while the user looks
// at one of its cases on the main view. Results are drawn at most once per frame, so a fast stream of cells
// never floods React.

export type SweepStatus = "idle" | "running" | "done" | "cancelled" | "failed";

export interface SweepRunState {
  status: SweepStatus;
  /** The scenario (and its JSON, to tell whether it is still the one on screen), settings and plan. */
  run: { scenario: Scenario; scenarioKey: string; settings: SweepSettings; plan: SweepPlan } | null;
  /** Index caseIndex * columns + columnIndex; undefined until the cell arrives. */
  cells: ReadonlyArray<CellResult | undefined>;
  progress: SweepProgress | null;
  errors: string[];
  message: string | null;
}

const IDLE: SweepRunState = { status: "idle", run: null, cells: [], progress: null, errors: [], message: null };

let state = IDLE;
let running: RunningSweep | null = null;
interface Pending {
  cells: CellResult[];
  /** Cases whose run failed: their cells from earlier seeds are taken off the matrix. */
  failed: number[];
  errors: string[];
  progress: SweepProgress | null;
}

const nothingPending = (): Pending => ({ cells: [], failed: [], errors: [], progress: null });

let pending = nothingPending();
let frame: number | null = null;
const listeners = new Set<() => void>();

function set(next: SweepRunState): void {
  state = next;
  for (const l of listeners) l();
}

function flush(): void {
  frame = null;
  const { cells, failed, errors, progress } = pending;
  pending = nothingPending();
  if (!state.run || (!cells.length && !errors.length && !progress)) return;
  const next = state.cells.slice();
  const width = state.run.plan.columns.length;
  for (const c of cells) next[c.caseIndex * width + c.columnIndex] = c;
  for (const caseIndex of failed) for (let col = 0; col < width; col++) next[caseIndex * width + col] = undefined;
  set({ ...state, cells: next, errors: [...state.errors, ...errors], progress: progress ?? state.progress });
}

function schedule(): void {
  if (frame === null) frame = requestAnimationFrame(flush);
}

export function startRun(scenario: Scenario, scenarioKey: string, settings: SweepSettings, plan: SweepPlan): void {
  running?.cancel();
  pending = nothingPending();
  set({ ...IDLE, status: "running", run: { scenario, scenarioKey, settings, plan } });
  running = startSweep(
    scenario,
    settings,
    plan,
    {
      onCell(cell, progress) {
        pending.cells.push(cell);
        pending.progress = progress;
        schedule();
      },
      onCaseError(caseIndex, message, progress) {
        pending.failed.push(caseIndex);
        pending.progress = progress;
        pending.errors.push(`case ${caseIndex + 1}: ${message}`);
        schedule();
      },
      onFinish(status, message) {
        if (frame !== null) cancelAnimationFrame(frame);
        flush();
        running = null;
        set({ ...state, status, message: message ?? null });
      },
    },
    { workers: defaultWorkerCount(), createWorker: browserWorker },
  );
}

export function cancelRun(): void {
  running?.cancel();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useSweepState(): SweepRunState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}
