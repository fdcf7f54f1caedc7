import type { StateCreator } from "zustand";
import type { PartitionKind } from "../scenario/edit";
import type { LabState } from "./store";

// What the user looks at: the view, the side panel, the selection, the log filter, and messages.

export type ViewId = "lab" | "gallery" | "explorer";
export type PanelId = "why" | "writes" | "log" | "inspect" | "run";

export type Selection = { kind: "box" | "process" | "group"; id: string };

export interface Message {
  id: number;
  kind: "error" | "info";
  title: string;
  problems?: string[];
}

export interface LogFilter {
  /** Processes to show; empty shows all. */
  processes: string[];
  verbose: boolean;
}

export interface UiSlice {
  view: ViewId;
  panel: PanelId;
  selection: Selection | null;
  /** Timeline index of the selected fault band or action (Delete removes it). */
  selectedAction: number | null;
  logFilter: LogFilter;
  partitionKind: PartitionKind;
  messages: Message[];
  setView: (v: ViewId) => void;
  setPanel: (p: PanelId) => void;
  select: (s: Selection | null) => void;
  selectAction: (index: number | null) => void;
  setLogFilter: (f: Partial<LogFilter>) => void;
  setPartitionKind: (k: PartitionKind) => void;
  notify: (m: Omit<Message, "id">) => void;
  dismiss: (id: number) => void;
}

let nextMessageId = 1;

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set) => ({
  view: "lab",
  panel: "why",
  selection: null,
  selectedAction: null,
  logFilter: { processes: [], verbose: false },
  partitionKind: "drop",
  messages: [],
  setView: (view) => set({ view }),
  setPanel: (panel) => set({ panel }),
  select: (selection) => set({ selection }),
  selectAction: (selectedAction) => set({ selectedAction }),
  setLogFilter: (f) => set((s) => ({ logFilter: { ...s.logFilter, ...f } })),
  setPartitionKind: (partitionKind) => set({ partitionKind }),
  notify: (m) =>
    set((s) => ({
      // Info notes replace each other; errors stay until dismissed.
      messages: [...s.messages.filter((x) => x.kind === "error"), { ...m, id: nextMessageId++ }].slice(-4),
    })),
  dismiss: (id) => set((s) => ({ messages: s.messages.filter((m) => m.id !== id) })),
});
