import type { Scenario } from "../src/scenario/schema";
import { planSweep } from "../src/sweep/cases";
import { browserWorker, defaultWorkerCount, startSweep } from "../src/sweep/pool";
import { sweepReport } from "../src/sweep/report";
import { type CellResult, isFinal } from "../src/sweep/run";
import type { SweepSettings } from "../src/sweep/settings";

// The browser half of the sweep benchmark: the explorer's worker pool without its UI. Returns the wall time
// from the first worker's start to the last cell, and the report, to compare with the CLI's.

export interface SweepPageResult {
  ms: number;
  workers: number;
  state: string;
  report: string;
  /** Simulations the workers ran; the other cells reused one of these runs. */
  simulated: number;
}

declare global {
  interface Window {
    runSweep: (scenario: Scenario, settings: SweepSettings) => Promise<SweepPageResult>;
  }
}

window.runSweep = (scenario, settings) =>
  new Promise((resolve, reject) => {
    const planned = planSweep(scenario, settings);
    if (!planned.ok) return reject(new Error(planned.message));
    const cells: CellResult[] = [];
    const workers = defaultWorkerCount();
    const t0 = performance.now();
    let simulated = 0;
    startSweep(
      scenario,
      settings,
      planned.plan,
      {
        onCell: (cell, progress) => {
          if (isFinal(cell, settings.seeds)) cells.push(cell);
          simulated = progress.simulated;
        },
        onCaseError: (_caseIndex, message) => reject(new Error(message)),
        onFinish: (state) =>
          resolve({
            ms: performance.now() - t0,
            workers,
            state,
            report: JSON.stringify(sweepReport(scenario, settings, planned.plan, cells)),
            simulated,
          }),
      },
      { workers, createWorker: browserWorker },
    );
  });
