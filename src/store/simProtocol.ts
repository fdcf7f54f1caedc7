import type { ExpectationResult, SeedVerdict } from "../analysis/expectations";
import type { Trace } from "../model/trace";
import type { Scenario } from "../scenario/schema";
import type { Derived } from "./derive";

// Messages between the app and the simulation worker. Everything is plain data (structured clone).

/**
 * The trace as the views get it: everything but the history, which stays in the worker (the views use the
 * derived counts, and a large run's history would take longer to copy than the rest of the run).
 */
export type ViewTrace = Omit<Trace, "history"> & { history: never[] };

export type SimRequest =
  /** Simulate and derive everything the views draw. */
  | { id: number; kind: "run"; scenario: Scenario }
  /** Only the expectations, for the gallery. */
  | { id: number; kind: "check"; scenario: Scenario }
  /** The expectations over several seeds, against each one's stated share. */
  | { id: number; kind: "seeds"; scenario: Scenario; extraSeeds: number };

export type SimResponse =
  | { id: number; kind: "run"; ok: true; trace: ViewTrace; derived: Derived; simMs: number }
  | { id: number; kind: "check"; ok: true; results: ExpectationResult[]; pass: boolean }
  | { id: number; kind: "seeds"; ok: true; verdicts: SeedVerdict[]; seeds: number }
  | { id: number; kind: SimRequest["kind"]; ok: false; error: string };
