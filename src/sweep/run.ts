import { Footprint } from "../model/footprint";
import { simulate } from "../model/simulate";
import type { Scenario } from "../scenario/schema";
import { seedList } from "../scenario/seeds";
import { buildCaseScenario, healAtMs } from "./build";
import type { SweepCase, SweepPlan } from "./cases";
import { classifySeed, type FaultWindow, OUTCOME_KINDS, type OutcomeKind, type SeedOutcome } from "./classify";
import { caseCuts, SweepMemo } from "./memo";
import type { SweepSettings } from "./settings";

// One cell = one case × one column over every seed. The CLI runs a case at a time (runCase), the workers one seed of
// a case at a time (runCaseSeed, which runCase is made of), so the same inputs give the same results wherever they
// run.

export interface CellResult {
  caseIndex: number;
  columnIndex: number;
  /** The most common outcome over the seeds; a tie goes to the more severe one. */
  kind: OutcomeKind;
  /** Share of seeds whose outcome is not `kind`. */
  disagreement: number;
  /** Most writes lost on a seed with the cell's outcome, and per client on those seeds. */
  lost: number;
  lostByClient: Record<string, number>;
  /** Most writes lost on any seed, whatever its outcome. */
  lostMax: number;
  splitBrainMsMax: number;
  unavailableMsMax: number;
  seeds: SeedOutcome[];
}

export function sweepSeeds(scenario: Scenario, settings: SweepSettings): number[] {
  return seedList(scenario.seed, settings.seeds - 1);
}

export function combineSeeds(caseIndex: number, columnIndex: number, seeds: SeedOutcome[]): CellResult {
  const counts = new Map<OutcomeKind, number>();
  for (const s of seeds) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  let kind: OutcomeKind = "nothing";
  let best = -1;
  for (const k of OUTCOME_KINDS) {
    const n = counts.get(k) ?? 0;
    if (n >= best && n > 0) {
      kind = k;
      best = n;
    }
  }
  const modal = seeds.filter((s) => s.kind === kind);
  const lostByClient: Record<string, number> = {};
  for (const s of modal)
    for (const [c, n] of Object.entries(s.lostByClient)) lostByClient[c] = Math.max(lostByClient[c] ?? 0, n);
  return {
    caseIndex,
    columnIndex,
    kind,
    disagreement: seeds.length ? (seeds.length - best) / seeds.length : 0,
    lost: Math.max(0, ...modal.map((s) => s.lost)),
    lostByClient,
    lostMax: Math.max(0, ...seeds.map((s) => s.lost)),
    splitBrainMsMax: Math.max(0, ...seeds.map((s) => s.splitBrainMs)),
    unavailableMsMax: Math.max(0, ...seeds.map((s) => s.unavailableMs)),
    seeds,
  };
}

function faultWindow(c: SweepCase, settings: SweepSettings): FaultWindow {
  return { cutAtMs: settings.cutAtMs, healAtMs: healAtMs(settings), crashedBox: c.kind === "crash" ? c.box : null };
}

/** Whether a cell has its result on each of the sweep's `seeds`, not only on those done so far. */
export function isFinal(cell: CellResult, seeds: number): boolean {
  return cell.seeds.length === seeds;
}

/**
 * Every column of one case on one seed. A column whose run the memo already holds (the same run, by its
 * footprint: see memo.ts) takes that run's outcome; the others are simulated and added to the memo.
 */
export function runCaseSeed(
  scenario: Scenario,
  settings: SweepSettings,
  plan: SweepPlan,
  caseIndex: number,
  seed: number,
  memo: SweepMemo = new SweepMemo(),
): SeedOutcome[] {
  const c = plan.cases[caseIndex]!;
  const cuts = caseCuts(plan.boxes, c, settings.kind);
  return plan.columns.map((col) => {
    const known = memo.find(seed, col, caseIndex, cuts);
    if (known) return known.outcome;
    const footprint = new Footprint();
    const trace = simulate(buildCaseScenario(scenario, settings, c, col), { seed, footprint });
    const outcome = classifySeed(trace, faultWindow(c, settings));
    memo.add(seed, col, caseIndex, cuts, footprint, outcome);
    return outcome;
  });
}

/** Every column of one case, over every seed. */
export function runCase(
  scenario: Scenario,
  settings: SweepSettings,
  plan: SweepPlan,
  caseIndex: number,
  memo: SweepMemo = new SweepMemo(),
): CellResult[] {
  const bySeed = sweepSeeds(scenario, settings).map((seed) =>
    runCaseSeed(scenario, settings, plan, caseIndex, seed, memo),
  );
  return plan.columns.map((_, ci) =>
    combineSeeds(
      caseIndex,
      ci,
      bySeed.map((outcomes) => outcomes[ci]!),
    ),
  );
}

/** The seed to open a cell on: the first whose outcome is the one the cell shows. */
export function representativeSeed(cell: CellResult): number {
  return (cell.seeds.find((s) => s.kind === cell.kind) ?? cell.seeds[0]!).seed;
}

/** The whole sweep in this thread, in report order: what the CLI runs. */
export function runAllCells(
  scenario: Scenario,
  settings: SweepSettings,
  plan: SweepPlan,
  onCase?: (done: number, total: number) => void,
  memo: SweepMemo = new SweepMemo(),
): CellResult[] {
  return plan.cases.flatMap((_, caseIndex) => {
    const cells = runCase(scenario, settings, plan, caseIndex, memo);
    onCase?.(caseIndex + 1, plan.cases.length);
    return cells;
  });
}
