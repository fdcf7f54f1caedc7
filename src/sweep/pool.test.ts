import { describe, expect, it } from "vitest";
import { planSweep, type SweepPlan } from "./cases";
import { type SweepProgress, spreadOrder, startSweep, type WorkerPort } from "./pool";
import { createWorkerCore } from "./protocol";
import { sweepReport } from "./report";
import { type CellResult, isFinal, runAllCells } from "./run";
import { DEFAULT_SETTINGS, type SweepSettings } from "./settings";
import { shipped } from "./testScenarios";

// The CLI runs runAllCells in this thread; the explorer runs the same cells through workers in whatever order
// they finish. Both must give the same report.

/** A worker as the browser runs it (worker.ts around createWorkerCore), answering asynchronously. */
function fakeWorker(delayMs: number): WorkerPort {
  const core = createWorkerCore();
  let onMessage: Parameters<WorkerPort["listen"]>[0] = () => {};
  let alive = true;
  let chain = Promise.resolve();
  return {
    send(msg) {
      chain = chain.then(async () => {
        await new Promise((r) => setTimeout(r, delayMs));
        const out = alive ? core.handle(msg) : null;
        if (out && alive) onMessage(out);
      });
    },
    listen(m) {
      onMessage = m;
    },
    terminate() {
      alive = false;
    },
  };
}

function runInWorkers(plan: SweepPlan, settings: SweepSettings, workers: number, cancelAfter?: number) {
  const scenario = shipped("a1b-two-sentinels-link-cut");
  /** Every version of every cell, in the order they came. */
  const cells: CellResult[] = [];
  const progress: SweepProgress[] = [];
  return new Promise<{ cells: CellResult[]; progress: SweepProgress[]; state: string }>((resolve) => {
    let delay = 0;
    const run = startSweep(
      scenario,
      settings,
      plan,
      {
        onCell(cell, p) {
          cells.push(cell);
          progress.push(p);
          if (cancelAfter !== undefined && cells.length === cancelAfter) run.cancel();
        },
        onCaseError(_caseIndex, message) {
          throw new Error(message);
        },
        onFinish: (state) => resolve({ cells, progress, state }),
      },
      { workers, createWorker: () => fakeWorker(delay++ % 2 ? 3 : 0) },
    );
  });
}

describe("CLI and worker paths", () => {
  const scenario = shipped("a1b-two-sentinels-link-cut");
  const settings: SweepSettings = { ...DEFAULT_SETTINGS, seeds: 2 };
  const p = planSweep(scenario, settings);
  if (!p.ok) throw new Error(p.message);
  const plan = p.plan;

  it("give byte-identical reports, whatever order the workers finish in", async () => {
    const cli = JSON.stringify(sweepReport(scenario, settings, plan, runAllCells(scenario, settings, plan)));
    const streamed = await runInWorkers(plan, settings, 3);
    expect(streamed.state).toBe("done");
    const final = streamed.cells.filter((c) => isFinal(c, settings.seeds));
    expect(JSON.stringify(sweepReport(scenario, settings, plan, final))).toBe(cli);
    const last = streamed.progress.at(-1)!;
    expect(last).toMatchObject({ cellsDone: 8, cellsTotal: 8, casesDone: 4, casesTotal: 4, unitsDone: 8, etaMs: 0 });
    expect(last.seedsEverywhere).toBe(2);
  });

  it("shows every cell on its first seed before any on its second, then refines it", async () => {
    // One worker finishes in the order it is handed the work; with more, only the handing out is in this order.
    const streamed = await runInWorkers(plan, settings, 1);
    const firstFinal = streamed.cells.findIndex((c) => isFinal(c, settings.seeds));
    // All 8 cells on one seed came before the first cell on both.
    const early = new Set(streamed.cells.slice(0, firstFinal).map((c) => `${c.caseIndex}/${c.columnIndex}`));
    expect(early.size).toBe(8);
    expect(streamed.cells.slice(0, firstFinal).every((c) => c.seeds.length === 1)).toBe(true);
    expect(streamed.progress[firstFinal - 1]).toMatchObject({ seedsEverywhere: 1, cellsDone: 0 });
    // Each cell comes once per seed: first on one seed, last on both.
    expect(streamed.cells).toHaveLength(16);
    for (let i = 0; i < 4; i++)
      for (let col = 0; col < 2; col++) {
        const versions = streamed.cells.filter((c) => c.caseIndex === i && c.columnIndex === col);
        expect(versions.map((c) => c.seeds.length)).toEqual([1, 2]);
        expect(versions[1]!.seeds[0]).toEqual(versions[0]!.seeds[0]);
      }
  });

  it("drops a case whose run fails on a later seed, and finishes the others", async () => {
    const expected = runAllCells(scenario, settings, plan);
    const cells: CellResult[] = [];
    const errors: number[] = [];
    let last: SweepProgress | null = null;
    const state = await new Promise<string>((resolve) => {
      startSweep(
        scenario,
        settings,
        plan,
        {
          onCell(cell, p) {
            cells.push(cell);
            last = p;
          },
          onCaseError: (caseIndex, _message, p) => {
            errors.push(caseIndex);
            last = p;
          },
          onFinish: resolve,
        },
        {
          workers: 2,
          createWorker: () => {
            const port = fakeWorker(0);
            // Case 1 fails on its second seed, as a model bug would (an invariant broken).
            return {
              ...port,
              listen: (onMessage, onError) =>
                port.listen(
                  (msg) =>
                    onMessage(
                      msg.type === "outcomes" && msg.caseIndex === 1 && msg.seedIndex === 1
                        ? { type: "error", caseIndex: 1, seedIndex: 1, message: "invariant broken" }
                        : msg,
                    ),
                  onError,
                ),
            };
          },
        },
      );
    });
    expect(state).toBe("done");
    expect(errors).toEqual([1]);
    expect(cells.filter((c) => c.caseIndex === 1).every((c) => !isFinal(c, settings.seeds))).toBe(true);
    const final = cells.filter((c) => isFinal(c, settings.seeds));
    expect(JSON.stringify(sweepReport(scenario, settings, plan, final).cells)).toBe(
      JSON.stringify(expected.filter((c) => c.caseIndex !== 1)),
    );
    expect(last).toMatchObject({ casesDone: 4, cellsDone: 6, unitsDone: 8 });
  });

  it("stops on cancel and keeps what arrived", async () => {
    const streamed = await runInWorkers(plan, settings, 2, 3);
    expect(streamed.state).toBe("cancelled");
    expect(streamed.cells).toHaveLength(3);
    const partial = sweepReport(scenario, settings, plan, streamed.cells);
    expect(partial.complete).toBe(false);
  });
});

describe("spreadOrder", () => {
  it.each([1, 2, 8, 52, 877])("hands out each of %i cases once, block by block, neighbours apart", (n) => {
    const order = spreadOrder(n);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let i = 1; i < n; i++) {
      const sameBlock = Math.floor(order[i]! / 64) === Math.floor(order[i - 1]! / 64);
      if (sameBlock && n - Math.floor(order[i]! / 64) * 64 > 8)
        expect(Math.abs(order[i]! - order[i - 1]!)).toBeGreaterThan(1);
      // Blocks come in order: the matrix fills from the top.
      expect(Math.floor(order[i]! / 64)).toBeGreaterThanOrEqual(Math.floor(order[i - 1]! / 64));
    }
  });
});
