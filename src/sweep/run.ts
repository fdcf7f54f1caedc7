import { simulate } from "../model/simulate";
import type { Scenario } from "../scenario/schema";
import { seedList } from "../scenario/seeds";
import { buildCaseScenario, healAtMs } from "./build";
import type { SweepPlan } from "./cases";
import { classifySeed, OUTCOME_KINDS, type OutcomeKind, type SeedOutcome } from "./classify";
import type { SweepSettings } from "./settings";

// One cell = one case × one column over every seed. The CLI and the workers both call runCell, so the same
// inputs give the same results wherever they run.

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

export interface CellJob {
  caseIndex: number;
  columnIndex: number;
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

export function runCell(scenario: Scenario, settings: SweepSettings, plan: SweepPlan, job: CellJob): CellResult {
  const c = plan.cases[job.caseIndex]!;
  const col = plan.columns[job.columnIndex]!;
  const window = {
    cutAtMs: settings.cutAtMs,
    healAtMs: healAtMs(settings),
    crashedBox: c.kind === "crash" ? c.box : null,
  };
  const cellScenario = buildCaseScenario(scenario, settings, c, col);
  const outcomes = sweepSeeds(scenario, settings).map((seed) => classifySeed(simulate(cellScenario, { seed }), window));
  return combineSeeds(job.caseIndex, job.columnIndex, outcomes);
}

/** Every cell of the plan, case by case, column by column: the order results are reported in. */
export function planJobs(plan: SweepPlan): CellJob[] {
  const jobs: CellJob[] = [];
  for (let caseIndex = 0; caseIndex < plan.cases.length; caseIndex++)
    for (let columnIndex = 0; columnIndex < plan.columns.length; columnIndex++) jobs.push({ caseIndex, columnIndex });
  return jobs;
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
  onCell?: (done: number, total: number) => void,
): CellResult[] {
  const jobs = planJobs(plan);
  return jobs.map((job, i) => {
    const cell = runCell(scenario, settings, plan, job);
    onCell?.(i + 1, jobs.length);
    return cell;
  });
}
