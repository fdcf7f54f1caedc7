import { describe, expect, it } from "vitest";
import type { SweepCase } from "../../sweep/cases";
import type { OutcomeKind } from "../../sweep/classify";
import { type CellResult, combineSeeds } from "../../sweep/run";
import { visibleRows } from "./rows";

const cases: SweepCase[] = [
  { kind: "partition", rank: "0", groups: [["a", "b"]] },
  { kind: "partition", rank: "1", groups: [["a"], ["b"]] },
  { kind: "crash", box: "a" },
  { kind: "crash", box: "b" },
];

function cell(caseIndex: number, columnIndex: number, kind: OutcomeKind, lost = 0, differ = false): CellResult {
  const seed = {
    seed: 1,
    failoverAfterMs: null,
    lostByClient: {},
    splitBrainMs: 0,
    unavailableMs: 0,
    unavailableClient: null,
  };
  const seeds = [
    { ...seed, kind, lost },
    { ...seed, kind: differ ? "nothing" : kind, lost },
  ];
  return combineSeeds(caseIndex, columnIndex, seeds);
}

// Two columns; case 3 has not arrived yet.
const cells = [
  cell(0, 0, "nothing"),
  cell(0, 1, "nothing"),
  cell(1, 0, "failover-lost", 700),
  cell(1, 1, "unavailable"),
  cell(2, 0, "failover", 0, true),
  cell(2, 1, "lost", 900),
];

describe("visibleRows", () => {
  it("keeps case order by default and puts rows without results last when sorting", () => {
    expect(visibleRows(cases, cells, 2, { by: "all" }, { by: "case" })).toEqual([0, 1, 2, 3]);
    expect(visibleRows(cases, cells, 2, { by: "all" }, { by: "worst-loss" })).toEqual([2, 1, 0, 3]);
    expect(visibleRows(cases, cells, 2, { by: "all" }, { by: "column", column: 0 })).toEqual([1, 2, 0, 3]);
    expect(visibleRows(cases, cells, 2, { by: "all" }, { by: "severity" })).toEqual([2, 1, 0, 3]);
  });

  it("filters by outcome, by kind of case and by seeds that disagree", () => {
    expect(visibleRows(cases, cells, 2, { by: "kind", kind: "unavailable" }, { by: "case" })).toEqual([1]);
    expect(visibleRows(cases, cells, 2, { by: "case-kind", kind: "crash" }, { by: "case" })).toEqual([2, 3]);
    expect(visibleRows(cases, cells, 2, { by: "unsettled" }, { by: "case" })).toEqual([2]);
  });
});
