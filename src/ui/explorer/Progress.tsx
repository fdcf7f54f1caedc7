import { formatSeconds } from "../../sweep/summary";
import type { SweepRunState } from "./useSweep";

// Cases done, the time left at the pace so far, and how the run ended.

function duration(ms: number): string {
  return ms < 1000 ? "under a second" : formatSeconds(ms);
}

export function Progress({ state }: { state: SweepRunState }) {
  const p = state.progress;
  const run = state.run;
  if (!run) return null;
  const cellsTotal = run.plan.cases.length * run.plan.columns.length;
  const cellsDone = p?.cellsDone ?? 0;
  const simulated = p?.simulated ?? 0;
  const reused = (p?.results ?? 0) - simulated;
  // Every case runs on one seed before any runs on the next: while seeds remain (or when the sweep stopped before
  // they were all done), say which one the matrix is on.
  const seeds = run.settings.seeds;
  const pass = seeds > 1 && p !== null && p.seedsEverywhere < seeds && p.casesDone < p.casesTotal ? p : null;
  const status =
    state.status === "running"
      ? p?.etaMs != null
        ? `about ${duration(p.etaMs)} left`
        : "starting the workers…"
      : state.status === "done"
        ? `done in ${duration(p?.elapsedMs ?? 0)}`
        : state.status === "cancelled"
          ? seeds > 1
            ? "cancelled: the matrix shows what finished (faded cells lack some of their seeds)"
            : "cancelled: the matrix shows the cells that finished"
          : `stopped: ${state.message ?? "a worker failed"}`;
  return (
    <div className="explorer-progress" data-testid="explorer-progress" data-status={state.status}>
      <progress max={p?.unitsTotal ?? 1} value={p?.unitsDone ?? 0} aria-label="Sweep progress" />
      <span aria-live="polite">
        {pass
          ? `seed ${pass.seedsEverywhere + 1} of ${seeds}: ${pass.casesOnNextSeed} of ${run.plan.cases.length} cases (`
          : `${p?.casesDone ?? 0} of ${run.plan.cases.length} cases (${cellsDone} of ${cellsTotal} cells; `}
        <span title="A run that makes the same quorum comparisons and uses the same network paths as one already made is that same run, so its outcome is reused instead of simulated again.">
          {simulated} runs simulated, {reused} reused
        </span>
        ) · {status}
      </span>
      {state.errors.length > 0 && (
        <details className="explorer-errors">
          <summary>{state.errors.length} cases failed (a bug in the model; the rest are fine)</summary>
          <ul>
            {state.errors.slice(0, 20).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
