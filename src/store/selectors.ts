import { useMemo } from "react";
import { stateAt, type WorldState } from "../analysis/stateAt";
import { faultBands, partitionSidesAt } from "../scenario/faults";
import { useLab } from "./context";
import type { LabState } from "./store";

// Selectors shared by the views. Playhead-dependent ones are cheap lookups (binary searches).

export const selectTrace = (s: LabState) => s.run?.trace ?? null;
export const selectDerived = (s: LabState) => s.run?.derived ?? null;
/** True while the trace on screen belongs to an older version of the scenario. */
export const selectStale = (s: LabState) => s.run !== null && s.run.scenario !== s.scenario;

/** Each process's state at the playhead. */
export function useWorld(): WorldState | null {
  const trace = useLab(selectTrace);
  const t = useLab((s) => s.playheadMs);
  return useMemo(() => (trace ? stateAt(trace, t) : null), [trace, t]);
}

export function useBands() {
  const scenario = useLab((s) => s.scenario);
  return useMemo(() => faultBands(scenario), [scenario]);
}

/** The partition sides at the playhead, from the scenario (so a drag shows at once, before the rerun). */
export function useSides(): string[][] {
  const scenario = useLab((s) => s.scenario);
  const bands = useBands();
  const t = useLab((s) => s.playheadMs);
  const sides = useMemo(() => partitionSidesAt(scenario, t, bands), [scenario, t, bands]);
  // The same sides in a new array would redo the layout every frame; keep the old one while equal.
  const key = JSON.stringify(sides);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the content of `sides`
  return useMemo(() => sides, [key]);
}
