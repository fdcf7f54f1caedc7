import { afterEach, describe, expect, it } from "vitest";
import { Footprint } from "../model/footprint";
import { simulate } from "../model/simulate";
import type { Trace } from "../model/trace";
import type { Scenario } from "../scenario/schema";
import { buildCaseScenario, healAtMs } from "./build";
import { planSweep } from "./cases";
import { classifySeed } from "./classify";
import { caseCuts, type MemoEntry, SweepMemo } from "./memo";
import { combineSeeds, runAllCells, sweepSeeds } from "./run";
import { DEFAULT_SETTINGS, type SweepSettings } from "./settings";
import { sweepShortcuts } from "./shortcuts";
import { clientBoxes, sevenBoxes, shipped } from "./testScenarios";

// Speed never buys a change of behavior. Every cell the memo answers must be the very run it stands for: each
// cell is simulated in full here and its trace compared, event for event, with the trace of the run the memo
// reused. Only what names the fault or the quorum may differ (the operator's log line, `#quorum 2/3`).

const defaults = { ...sweepShortcuts };
afterEach(() => Object.assign(sweepShortcuts, defaults));

/** The trace without what names the fault or the quorum. */
function runText(t: Trace): string {
  const named = new Set(["+monitor", "+odown", "#election"]);
  return JSON.stringify({
    ...t,
    actions: [],
    events: t.events.filter((e) => e.process !== "operator").map((e) => (named.has(e.name) ? { ...e, text: "" } : e)),
    timelines: { ...t.timelines, net: [] },
  });
}

const reused = { quorum: 0, path: 0 };

function check(scenario: Scenario, settings: SweepSettings): void {
  const p = planSweep(scenario, settings);
  if (!p.ok) throw new Error(p.message);
  const plan = p.plan;
  const memo = new SweepMemo();
  const texts = new Map<MemoEntry, string>();
  const boxes = scenario.boxes.map((b) => b.id);
  const cells = plan.cases.flatMap((c, caseIndex) => {
    const cuts = caseCuts(boxes, c, settings.kind);
    const window = {
      cutAtMs: settings.cutAtMs,
      healAtMs: healAtMs(settings),
      crashedBox: c.kind === "crash" ? c.box : null,
    };
    return plan.columns.map((col, ci) => {
      const outcomes = sweepSeeds(scenario, settings).map((seed) => {
        const known = memo.find(seed, col, caseIndex, cuts);
        const footprint = new Footprint();
        const trace = simulate(buildCaseScenario(scenario, settings, c, col), { seed, footprint });
        const text = runText(trace);
        const outcome = classifySeed(trace, window);
        if (known) {
          expect(text === texts.get(known), `case ${caseIndex} column ${ci} seed ${seed}`).toBe(true);
          if (known.quorum !== col.quorum) reused.quorum++;
          if (known.caseIndex !== caseIndex) reused.path++;
          return known.outcome;
        }
        texts.set(memo.add(seed, col, caseIndex, cuts, footprint, outcome), text);
        return outcome;
      });
      return combineSeeds(caseIndex, ci, outcomes);
    });
  });
  // The sweep as the CLI and the workers run it gives those same cells.
  expect(JSON.stringify(runAllCells(scenario, settings, plan))).toBe(JSON.stringify(cells));
}

describe("explorer shortcuts", () => {
  it("are on by default (the checks below would test nothing otherwise)", () => {
    expect(Object.values(sweepShortcuts).every((v) => v === true)).toBe(true);
  });

  it.each([
    [
      "Example 2, crashes and min-replicas columns, 2 seeds",
      shipped("a2a-three-boxes-master-isolated"),
      { seeds: 2, minReplicas: true },
    ],
    [
      "Example 1 with two Sentinels, one-way cuts",
      shipped("a1b-two-sentinels-link-cut"),
      { seeds: 2, oneWayCuts: true },
    ],
    ["seven boxes, five Sentinels, 16 sampled partitions", sevenBoxes(), { seeds: 1, sample: 16, crashes: false }],
    ["two boxes with a client only, every partition", clientBoxes(), { seeds: 1, crashes: false, quorums: [2, 3] }],
  ])(
    "answer each cell with the very run it stands for: %s",
    (_name, scenario, extra) => {
      check(scenario, { ...DEFAULT_SETTINGS, ...extra });
    },
    120_000,
  );

  it("each answered cells on the scenarios above", () => {
    expect(reused.quorum).toBeGreaterThan(0);
    expect(reused.path).toBeGreaterThan(0);
  });
});
