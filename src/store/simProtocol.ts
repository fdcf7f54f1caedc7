import type { ExpectationResult, SeedVerdict } from "../analysis/expectations";
import type { Trace } from "../model/trace";
import type { Scenario } from "../scenario/schema";
import type { Derived } from "./derive";

// Messages between the app and the simulation worker. Everything is plain data (structured clone).

export type SimRequest =
  /** Simulate and derive everything the views draw. */
  | { id: number; kind: "run"; scenario: Scenario }
  /** Only the expectations, for the gallery. */
  | { id: number; kind: "check"; scenario: Scenario }
  /** The expectations over several seeds, against each one's stated share. */
  | { id: number; kind: "seeds"; scenario: Scenario; extraSeeds: number };

export type SimResponse =
  | { id: number; kind: "run"; ok: true; trace: Trace; derived: Derived; simMs: number }
  | { id: number; kind: "check"; ok: true; results: ExpectationResult[]; pass: boolean }
  | { id: number; kind: "seeds"; ok: true; verdicts: SeedVerdict[]; seeds: number }
  | { id: number; kind: SimRequest["kind"]; ok: false; error: string };
