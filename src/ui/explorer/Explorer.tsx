import { useMemo, useState } from "react";
import type { Scenario } from "../../scenario/schema";
import { buildCaseScenario } from "../../sweep/build";
import { planSweep } from "../../sweep/cases";
import { sweepReport } from "../../sweep/report";
import { representativeSeed } from "../../sweep/run";
import { DEFAULT_SETTINGS } from "../../sweep/settings";
import { summarizeColumns } from "../../sweep/summary";
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

  const running = sweep.status === "running";
  const current = sweep.run && sweep.run.scenarioKey === scenarioKey ? sweep : null;
  const run = current?.run ?? null;
  const rows = useMemo(
    () => (run ? visibleRows(run.plan.cases, current!.cells, run.plan.columns.length, filter, sort) : []),
    [run, current, filter, sort],
  );
  const done = useMemo(() => (current ? current.cells.filter((c) => c !== undefined) : []), [current]);
  const summaries = useMemo(() => (run ? summarizeColumns(run.plan.columns, done) : []), [run, done]);
  const masterBoxes = useMemo(
    () =>
      new Set(
        scenario.boxes
          .filter((b) => b.processes.some((p) => p.kind === "redis" && p.replicaof === undefined))
          .map((b) => b.id),
      ),
    [scenario],
  );

  const open = (caseIndex: number, columnIndex: number) => {
    const cell = current?.cells[caseIndex * (run?.plan.columns.length ?? 0) + columnIndex];
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
          Every way the {scenario.boxes.length} boxes of <q>{scenario.title}</q> can be split, each box crashing, and
          each quorum: the fault starts 30 s in, lasts the time you choose, then heals; the run goes on 60 s more. The
          scenario's own timeline is left out. Click a cell to open that case on the main view.
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
              Run {ready ? `${ready.plan.runs.toLocaleString("en-US")} simulations` : ""}
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
          {run && !running && (
            <button
              type="button"
              onClick={() =>
                download(
                  `sweep-${run.scenario.id}.json`,
                  `${JSON.stringify(sweepReport(run.scenario, run.settings, run.plan, done))}\n`,
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
      {current && <Progress state={current} />}
      {sweep.run && !current && (
        <p className="explorer-note">
          The last results were for another version of the scenario; run again to explore this one.
        </p>
      )}
      {run && summaries.some((s) => s.cases > 0) && (
        <SummaryTable
          summaries={summaries}
          complete={done.length === run.plan.cases.length * run.plan.columns.length}
        />
      )}
      {run && (
        <>
          <Toolbar
            boxes={scenario.boxes}
            masterBoxes={masterBoxes}
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
            cells={current!.cells}
            rows={rows}
            sortedColumn={sort.by === "column" ? sort.column : null}
            onSortColumn={(column) =>
              setSort(sort.by === "column" && sort.column === column ? { by: "case" } : { by: "column", column })
            }
            onOpen={open}
          />
        </>
      )}
    </section>
  );
}
