import { describe, expect, it } from "vitest";
import type { OutcomeKind, SeedOutcome } from "./classify";
import { combineSeeds } from "./run";
import { recommend, summarizeColumns } from "./summary";

function seed(kind: OutcomeKind, lost = 0, unavailableMs = 0, splitBrainMs = 0): SeedOutcome {
  return {
    seed: 1,
    kind,
    failoverAfterMs: null,
    lostByClient: lost ? { C1: lost } : ({} as Record<string, number>),
    lost,
    splitBrainMs,
    unavailableMs,
    unavailableClient: unavailableMs ? "C1" : null,
  };
}

describe("combineSeeds", () => {
  it("shows the most common outcome, the worse one on a tie, and the share that differs", () => {
    const c = combineSeeds(0, 0, [
      seed("nothing"),
      seed("late-failover", 40),
      seed("nothing"),
      seed("late-failover", 90),
    ]);
    expect(c.kind).toBe("late-failover");
    expect(c.disagreement).toBe(0.5);
    expect(c.lostMax).toBe(90);
    expect(combineSeeds(0, 0, [seed("failover"), seed("failover"), seed("nothing")]).disagreement).toBeCloseTo(1 / 3);
  });
});

describe("recommend", () => {
  it("names the safest quorum and the price of the more available one", () => {
    const cols = [
      { quorum: 1, minReplicas: null },
      { quorum: 2, minReplicas: null },
    ];
    const cells = [
      combineSeeds(0, 0, [seed("failover-lost", 700, 7000, 60_000)]),
      combineSeeds(0, 1, [seed("unavailable", 0, 60_000)]),
      combineSeeds(1, 0, [seed("failover", 0, 7000)]),
      combineSeeds(1, 1, [seed("failover", 0, 7000)]),
    ];
    const s = summarizeColumns(cols, cells);
    expect(s[0]).toMatchObject({ lostCases: 1, lostWorst: 700, splitBrainCases: 1, unavailableCases: 2 });
    expect(recommend(s)).toBe(
      "Quorum 2 is the safest choice here: never two masters taking writes; no lost writes; writes unavailable in 2 of 2 cases for up to 60 s. " +
        "Quorum 1 has less downtime (14 s in all against 67 s) but two masters take writes in 1 of 2 cases (for up to 60 s) and writes lost in 1 of 2 cases (worst 700, typically 700).",
    );
  });
});
