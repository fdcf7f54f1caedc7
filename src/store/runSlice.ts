import type { StateCreator } from "zustand";
import type { Scenario } from "../scenario/schema";
import type { Derived } from "./derive";
import type { ViewTrace } from "./simProtocol";
import type { LabState } from "./store";

// The latest run: derived from the scenario, never edited. The trace is kept as one frozen reference.

export interface Run {
  /** The scenario this trace belongs to; while it differs from the current one, a new run is on its way. */
  scenario: Scenario;
  trace: ViewTrace;
  derived: Derived;
  simMs: number;
}

export interface RunSlice {
  run: Run | null;
  runError: string | null;
  setRun: (run: Run) => void;
  setRunError: (error: string) => void;
  /** Simulates a scenario the user is likely to make next, if the worker is idle (set by startSimulation). */
  speculate: (s: Scenario) => void;
}

export const createRunSlice: StateCreator<LabState, [], [], RunSlice> = (set) => ({
  run: null,
  runError: null,
  setRun: (run) => set({ run: Object.freeze(run), runError: null }),
  setRunError: (error) => set({ runError: error }),
  speculate: () => undefined,
});
