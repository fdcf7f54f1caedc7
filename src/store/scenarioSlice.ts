import { applyPatches, type Patch } from "immer";
import type { StateCreator } from "zustand";
import { applyEdit, type Edit, type EditOutcome } from "../scenario/edit";
import type { Scenario } from "../scenario/schema";
import type { LabState } from "./store";

// The scenario with undo/redo: every change is a named edit recorded as immer patches.

export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inverse: Patch[];
}

export interface ScenarioSlice {
  scenario: Scenario;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** True once the user changed something; autosave never writes a scenario the user did not touch. */
  dirty: boolean;
  /** Applies an edit, or reports its problems (as a message unless `quiet`: an inline editor shows them itself). */
  edit: (e: Edit, opts?: { quiet?: boolean }) => EditOutcome;
  undo: () => void;
  redo: () => void;
  /** Starts over from a scenario (opening the app or a link): not an undoable edit. */
  reset: (s: Scenario, playheadMs: number) => void;
}

const HISTORY_LIMIT = 200;

/** Marks the start of an edit for the "edit until the new future is drawn" measurement (bench/ui.ts). */
export const EDIT_MARK = "sentinel-lab:edit";

export const createScenarioSlice =
  (initial: Scenario): StateCreator<LabState, [], [], ScenarioSlice> =>
  (set, get) => ({
    scenario: initial,
    past: [],
    future: [],
    dirty: false,
    edit: (e, opts) => {
      const outcome = applyEdit(get().scenario, e);
      if (!outcome.ok) {
        if (!opts?.quiet)
          get().notify({ kind: "error", title: "That change was not made", problems: outcome.problems });
        return outcome;
      }
      performance.mark(EDIT_MARK);
      const entry = { label: e.label, patches: outcome.patches, inverse: outcome.inverse };
      set((s) => ({
        scenario: outcome.scenario,
        past: [...s.past, entry].slice(-HISTORY_LIMIT),
        future: [],
        dirty: true,
        playheadMs: Math.min(s.playheadMs, outcome.scenario.durationMs),
      }));
      return outcome;
    },
    undo: () => {
      const { past, scenario } = get();
      const entry = past.at(-1);
      if (!entry) return;
      const next = applyPatches(scenario, entry.inverse);
      set((s) => ({
        scenario: next,
        past: s.past.slice(0, -1),
        future: [entry, ...s.future],
        dirty: true,
        playheadMs: Math.min(s.playheadMs, next.durationMs),
      }));
      get().notify({ kind: "info", title: `Undone: ${entry.label}` });
    },
    redo: () => {
      const { future, scenario } = get();
      const entry = future[0];
      if (!entry) return;
      const next = applyPatches(scenario, entry.patches);
      set((s) => ({
        scenario: next,
        past: [...s.past, entry],
        future: s.future.slice(1),
        dirty: true,
        playheadMs: Math.min(s.playheadMs, next.durationMs),
      }));
      get().notify({ kind: "info", title: `Redone: ${entry.label}` });
    },
    reset: (s, playheadMs) =>
      set({ scenario: s, past: [], future: [], playheadMs: Math.max(0, Math.min(playheadMs, s.durationMs)) }),
  });
