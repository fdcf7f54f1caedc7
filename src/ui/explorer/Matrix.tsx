import { useMemo, useState } from "react";
import { caseLabel, columnLabel, type SweepCase, type SweepColumn } from "../../sweep/cases";
import { OUTCOME_LABELS, type OutcomeKind } from "../../sweep/classify";
import { cellText } from "../../sweep/report";
import { type CellResult, isFinal } from "../../sweep/run";
import { formatSeconds } from "../../sweep/summary";
import { CaseDiagram, DIAGRAM_HEIGHT, diagramWidth } from "./CaseDiagram";

// The matrix: one row per case (drawn as a diagram), one column per quorum. Only the rows in view are
// rendered, so 877 cases × 8 columns scroll as smoothly as 5.

export const ROW_HEIGHT = 38;
const VIEW_HEIGHT = 520;
const OVERSCAN = 6;

interface Props {
  boxes: readonly string[];
  masterBoxes: ReadonlySet<string>;
  cases: readonly SweepCase[];
  columns: readonly SweepColumn[];
  cells: ReadonlyArray<CellResult | undefined>;
  /** Seeds per cell: a cell with fewer so far is drawn as provisional. */
  seeds: number;
  rows: readonly number[];
  sortedColumn: number | null;
  onSortColumn: (column: number) => void;
  onOpen: (caseIndex: number, columnIndex: number) => void;
}

function mainText(c: CellResult): string {
  switch (c.kind) {
    case "nothing":
      return "—";
    case "failover":
      return "failover";
    case "unavailable":
      return `${formatSeconds(c.unavailableMsMax)} down`;
    case "late-failover":
      return c.lost ? `late, ${c.lost} lost` : "late failover";
    case "failover-lost":
    case "lost":
      return `${c.lost} lost`;
    case "split-brain":
      return "split brain";
    default: {
      const never: never = c.kind;
      return never;
    }
  }
}

const LOSING = new Set<OutcomeKind>(["failover-lost", "lost", "late-failover", "split-brain"]);

/** Who lost writes (when the cell's outcome is a loss) and how many seeds had another outcome. */
function subText(c: CellResult): string {
  const clients = LOSING.has(c.kind) ? Object.keys(c.lostByClient) : [];
  const who = clients.length > 2 ? `${clients.slice(0, 2).join(" ")} +${clients.length - 2}` : clients.join(" ");
  const differ = Math.round(c.disagreement * c.seeds.length);
  return differ ? `${who}${who ? " · " : ""}≠${differ}/${c.seeds.length}` : who;
}

function sofar(c: CellResult, seeds: number): string {
  return isFinal(c, seeds) ? "" : ` (${c.seeds.length} of ${seeds} seeds so far)`;
}

function tooltip(c: CellResult, seeds: number): string {
  return [
    cellText(c) + sofar(c, seeds),
    ...c.seeds.map((s) => `seed ${s.seed}: ${OUTCOME_LABELS[s.kind]}${s.lost ? `, ${s.lost} lost` : ""}`),
  ].join("\n");
}

export function Matrix(props: Props) {
  const { boxes, cases, columns, cells, rows } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const width = useMemo(
    () => Math.max(...cases.map((c) => diagramWidth(boxes.length, c.kind === "partition" ? c.groups.length : 1))),
    [cases, boxes.length],
  );
  // With many columns the case's text gives way (the diagram and its tooltip still name the case).
  const labelWidth = columns.length <= 4 ? "15rem" : columns.length <= 6 ? "10rem" : "0";
  const cellWidth = columns.length <= 6 ? "6.75rem" : columns.length <= 8 ? "6rem" : "5.6rem";
  const template = `${width + 12}px ${labelWidth} repeat(${columns.length}, ${cellWidth})`;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div
      className="explorer-matrix"
      style={{ maxHeight: VIEW_HEIGHT + ROW_HEIGHT }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table aria-label="Outcome of each case for each quorum" aria-rowcount={rows.length + 1}>
        <thead>
          <tr className="explorer-matrix-head" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
            <th scope="col">Case</th>
            <th scope="col">
              <span className="explorer-visually-hidden">Groups</span>
            </th>
            {columns.map((col, i) => (
              <th scope="col" key={columnLabel(col)} aria-sort={props.sortedColumn === i ? "descending" : "none"}>
                <button
                  type="button"
                  onClick={() => props.onSortColumn(i)}
                  title="Sort rows by this column, worst first"
                >
                  quorum {col.quorum}
                  {props.sortedColumn === i ? " ▾" : ""}
                  {col.minReplicas !== null && <small>min-replicas {col.minReplicas}</small>}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(first, last).map((caseIndex, k) => {
            const c = cases[caseIndex]!;
            const label = caseLabel(c);
            return (
              <tr
                key={caseIndex}
                aria-rowindex={first + k + 2}
                className="explorer-matrix-row"
                data-case={label}
                style={{ top: (first + k) * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: template }}
              >
                <th scope="row" className="explorer-matrix-diagram" title={label}>
                  <CaseDiagram c={c} boxes={boxes} masterBoxes={props.masterBoxes} width={width} />
                  <span className="explorer-visually-hidden">{label}</span>
                </th>
                <td className="explorer-matrix-label" title={label} style={{ lineHeight: `${DIAGRAM_HEIGHT}px` }}>
                  {label}
                </td>
                {columns.map((col, columnIndex) => {
                  const cell = cells[caseIndex * columns.length + columnIndex];
                  return (
                    <td key={columnLabel(col)}>
                      {cell ? (
                        <button
                          type="button"
                          className={`explorer-cell kind-${cell.kind}${cell.splitBrainMsMax > 0 ? " two-masters" : ""}${isFinal(cell, props.seeds) ? "" : " provisional"}`}
                          title={tooltip(cell, props.seeds)}
                          aria-label={`${label}, ${columnLabel(col)}: ${cellText(cell)}${sofar(cell, props.seeds)}. Open this case.`}
                          data-kind={cell.kind}
                          onClick={() => props.onOpen(caseIndex, columnIndex)}
                        >
                          <span className="explorer-cell-main">{mainText(cell)}</span>
                          <span className="explorer-cell-sub">{subText(cell)}</span>
                        </button>
                      ) : (
                        <span className="explorer-cell pending" title="not run yet" />
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
