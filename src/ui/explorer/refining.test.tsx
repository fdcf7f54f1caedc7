import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { planSweep } from "../../sweep/cases";
import type { SeedOutcome } from "../../sweep/classify";
import type { SweepProgress } from "../../sweep/pool";
import { combineSeeds } from "../../sweep/run";
import { DEFAULT_SETTINGS } from "../../sweep/settings";
import { shipped } from "../../sweep/testScenarios";
import { Matrix } from "./Matrix";
import { Progress } from "./Progress";
import type { SweepRunState } from "./useSweep";

// While a sweep runs seed after seed, the explorer says which seed the matrix is on and draws the cells that lack
// some of their seeds faded, saying so to screen readers too.

const scenario = shipped("a2a-three-boxes-master-isolated");
const settings = { ...DEFAULT_SETTINGS, seeds: 5 };
const planned = planSweep(scenario, settings);
if (!planned.ok) throw new Error(planned.message);
const plan = planned.plan;
const cases = plan.cases.length;
const width = plan.columns.length;

function outcome(seed: number): SeedOutcome {
  return {
    seed,
    kind: "failover-lost",
    failoverAfterMs: 6000,
    lostByClient: { C1: 800 },
    lost: 800,
    splitBrainMs: 70_000,
    unavailableMs: 0,
    unavailableClient: null,
  };
}

function progress(p: Partial<SweepProgress>): SweepProgress {
  return {
    cellsDone: 0,
    cellsTotal: cases * width,
    simulated: 0,
    results: 0,
    casesDone: 0,
    casesTotal: cases,
    unitsDone: 0,
    unitsTotal: cases * settings.seeds,
    seedsEverywhere: 0,
    casesOnNextSeed: 0,
    elapsedMs: 1000,
    etaMs: 4000,
    ...p,
  };
}

function state(status: SweepRunState["status"], p: SweepProgress): SweepRunState {
  return {
    status,
    run: { scenario, scenarioKey: "", settings, plan },
    cells: [],
    progress: p,
    errors: [],
    message: null,
  };
}

describe("the explorer while seeds remain", () => {
  it("names the seed the matrix is on, then the cells once every seed is in", () => {
    const running = renderToStaticMarkup(
      <Progress state={state("running", progress({ seedsEverywhere: 1, casesOnNextSeed: 3, unitsDone: 11 }))} />,
    );
    expect(running).toContain(`seed 2 of 5: 3 of ${cases} cases (`);
    const done = renderToStaticMarkup(
      <Progress
        state={state(
          "done",
          progress({ seedsEverywhere: 5, casesDone: cases, cellsDone: cases * width, unitsDone: cases * 5 }),
        )}
      />,
    );
    expect(done).toContain(`${cases} of ${cases} cases (${cases * width} of ${cases * width} cells; `);
    expect(done).not.toContain("seed ");
    // Cancelled on the first seed: the line still says how far that seed got.
    const cancelled = renderToStaticMarkup(
      <Progress state={state("cancelled", progress({ seedsEverywhere: 0, casesOnNextSeed: 5, unitsDone: 5 }))} />,
    );
    expect(cancelled).toContain(`seed 1 of 5: 5 of ${cases} cases (`);
    expect(cancelled).toContain("faded cells lack some of their seeds");
  });

  it("draws a cell with some of its seeds faded, and says how many it has", () => {
    const cells = [combineSeeds(0, 0, [outcome(1)]), combineSeeds(0, 1, [1, 2, 3, 4, 5].map(outcome))];
    const html = renderToStaticMarkup(
      <Matrix
        boxes={plan.boxes}
        masterBoxes={new Set(["box1"])}
        cases={plan.cases}
        columns={plan.columns}
        cells={cells}
        seeds={settings.seeds}
        rows={[0]}
        sortedColumn={null}
        onSortColumn={() => {}}
        onOpen={() => {}}
      />,
    );
    const buttons = html.match(/<button[^>]*class="explorer-cell[^"]*"[^>]*>/g) ?? [];
    expect(buttons).toHaveLength(2);
    expect(buttons[0]).toContain("provisional");
    expect(buttons[0]).toContain("(1 of 5 seeds so far)");
    expect(buttons[1]).not.toContain("provisional");
    expect(buttons[1]).not.toContain("seeds so far");
  });
});
