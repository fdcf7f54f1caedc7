import { useMemo, useState } from "react";
import type { Scenario } from "../../scenario/schema";
import { buildCaseScenario, settleAfterHealMs } from "../../sweep/build";
import { planSweep } from "../../sweep/cases";
import { isComplete, sweepReport } from "../../sweep/report";
import { isFinal, representativeSeed } from "../../sweep/run";
import { DEFAULT_SETTINGS } from "../../sweep/settings";
import { summarizeColumns } from "../../sweep/summary";
import { Legend } from "./Legend";
import { Matrix } from "./Matrix";
import { Progress } from "./Progress";
import { type RowFilter, type SortKey, visibleRows } from "./rows";
import { DEFAULT_DRAFT, type SettingsDraft, SettingsForm, settingsFromDraft } from "./SettingsForm";
import { SummaryTable } from "./SummaryTable";
import { Toolbar } from "./Toolbar";
import { cancelRun, startRun, useSweepState } from "./useSweep";
import "./explorer.css";

// Quorum and partition explorer (issue 6): every way the boxes can split, every quorum, one matrix.

export interface ExplorerProps {
  scenario: Scenario;
  onOpenCase: (scenario: Scenario, playheadMs: number) => void;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function Explorer({ scenario, onOpenCase }: ExplorerProps) {
  const [draft, setDraft] = useState<SettingsDraft>(DEFAULT_DRAFT);
  const [sample, setSample] = useState<{ key: string; size: number } | null>(null);
  const [filter, setFilter] = useState<RowFilter>({ by: "all" });
  const [sort, setSort] = useState<SortKey>({ by: "case" });
  const sweep = useSweepState();
  const scenarioKey = useMemo(() => JSON.stringify(scenario), [scenario]);

  const settings = useMemo(() => {
    const s = settingsFromDraft(draft, DEFAULT_SETTINGS);
    return typeof s === "string" || sample?.key !== scenarioKey ? s : { ...s, sample: sample.size };
  }, [draft, sample, scenarioKey]);
  const planned = useMemo(
    () => (typeof settings === "string" ? ({ ok: false, message: settings } as const) : planSweep(scenario, settings)),
    [scenario, settings],
  );
  const ready = planned.ok && typeof settings !== "string" ? { settings, plan: planned.plan } : null;
  const settleMs = ready
    ? Math.max(...ready.plan.cases.map((c) => settleAfterHealMs(c, ready.settings, scenario.network)))
    : null;

  const running = sweep.status === "running";
  // The last sweep's results stay on screen (also after opening one of its cases), marked when they belong to
  // another scenario than the one Run would explore.
  const run = sweep.run;
  const stale = run !== null && run.scenarioKey !== scenarioKey;
  const rows = useMemo(
    () => (run ? visibleRows(run.plan.cases, sweep.cells, run.plan.columns.length, filter, sort) : []),
    [run, sweep.cells, filter, sort],
  );
  const done = useMemo(() => sweep.cells.filter((c) => c !== undefined), [sweep.cells]);
  const summaries = useMemo(() => (run ? summarizeColumns(run.plan.columns, done) : []), [run, done]);
  const masterBoxes = useMemo(
    () =>
      new Set(
        (run?.scenario ?? scenario).boxes
          .filter((b) => b.processes.some((p) => p.kind === "redis" && p.replicaof === undefined))
          .map((b) => b.id),
      ),
    [run, scenario],
  );

  const open = (caseIndex: number, columnIndex: number) => {
    const cell = sweep.cells[caseIndex * (run?.plan.columns.length ?? 0) + columnIndex];
    if (!run || !cell) return;
    const c = run.plan.cases[caseIndex]!;
    const col = run.plan.columns[columnIndex]!;
    onOpenCase(buildCaseScenario(run.scenario, run.settings, c, col, representativeSeed(cell)), run.settings.cutAtMs);
  };

  return (
    <section className="explorer" aria-labelledby="explorer-title">
      <header className="explorer-header">
        <h2 id="explorer-title">Quorum and partition explorer</h2>
        <p>
          For the {scenario.boxes.length} boxes of <q>{scenario.title}</q>: every way the network can split them (plus,
          if you ask, each box crashing and each one-way cut), simulated for each quorum. Each fault starts 30 s in,
          lasts the time you choose, then heals; the run goes on{" "}
          {settleMs === null ? "" : `${Math.round(settleMs / 1000)} s `}
          after the heal (at least 60 s, and 10 s past the last data TCP held back and retransmits then). The scenario's
          own timeline is left out. Click a cell to open that case on the main view.
        </p>
      </header>
      <div className="explorer-controls">
        <SettingsForm draft={draft} disabled={running} onChange={setDraft} />
        <div className="explorer-actions">
          {running ? (
            <button type="button" onClick={cancelRun}>
              Cancel
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={!ready}
              onClick={() => ready && startRun(scenario, scenarioKey, ready.settings, ready.plan)}
            >
              Run {ready ? `up to ${ready.plan.runs.toLocaleString("en-US")} simulations` : ""}
            </button>
          )}
          {ready && (
            <span className="explorer-estimate">
              {ready.plan.cases.length.toLocaleString("en-US")} cases × {ready.plan.columns.length} columns ×{" "}
              {ready.settings.seeds} seeds
              {ready.plan.partitionsChosen < Number(ready.plan.partitionsTotal) &&
                ` (a sample of ${ready.plan.partitionsChosen} of ${Number(ready.plan.partitionsTotal).toLocaleString("en-US")} partitions)`}
            </span>
          )}
          {ready?.settings.sample !== undefined && !running && (
            <button type="button" onClick={() => setSample(null)}>
              Try all partitions
            </button>
          )}
          {run && !running && (
            <button
              type="button"
              onClick={() =>
                download(
                  `sweep-${run.scenario.id}.json`,
                  `${JSON.stringify(
                    sweepReport(
                      run.scenario,
                      run.settings,
                      run.plan,
                      done.filter((c) => isFinal(c, run.settings.seeds)),
                    ),
                  )}\n`,
                )
              }
            >
              Download results (JSON)
            </button>
          )}
        </div>
      </div>
      {!planned.ok && (
        <div className="explorer-alert" role="alert">
          <p>{planned.message}</p>
          {"tooLarge" in planned && planned.tooLarge && (
            <button
              type="button"
              onClick={() => setSample({ key: scenarioKey, size: planned.tooLarge!.suggestedSample })}
            >
              Explore a sample of {planned.tooLarge.suggestedSample} partitions
            </button>
          )}
        </div>
      )}
      {run && <Progress state={sweep} />}
      {stale && (
        <p className="explorer-note" role="status">
          These results are for <q>{run.scenario.title}</q>. Run explores <q>{scenario.title}</q>.
        </p>
      )}
      {run && (
        <div className="explorer-results">
          <div className="explorer-results-side">
            {summaries.some((s) => s.cases > 0) && (
              <SummaryTable summaries={summaries} complete={isComplete(run.plan, run.settings, done)} />
            )}
            <Legend
              boxes={run.scenario.boxes}
              masterBoxes={masterBoxes}
              refining={done.some((c) => !isFinal(c, run.settings.seeds)) ? (running ? "running" : "stopped") : null}
            />
          </div>
          <div className="explorer-results-main">
            <Toolbar
              filter={filter}
              sort={sort}
              onFilter={setFilter}
              onSort={setSort}
              shown={rows.length}
              total={run.plan.cases.length}
            />
            <Matrix
              boxes={run.plan.boxes}
              masterBoxes={masterBoxes}
              cases={run.plan.cases}
              columns={run.plan.columns}
              cells={sweep.cells}
              seeds={run.settings.seeds}
              rows={rows}
              sortedColumn={sort.by === "column" ? sort.column : null}
              onSortColumn={(column) =>
                setSort(sort.by === "column" && sort.column === column ? { by: "case" } : { by: "column", column })
              }
              onOpen={open}
            />
          </div>
        </div>
      )}
    </section>
  );
}
