import type { SweepCase } from "../../sweep/cases";
import { OUTCOME_KINDS, type OutcomeKind } from "../../sweep/classify";
import type { CellResult } from "../../sweep/run";

// Which rows the matrix shows and in what order: pure functions of the results, so they are easy to test.

export type SortKey = { by: "case" } | { by: "worst-loss" } | { by: "severity" } | { by: "column"; column: number };

export type RowFilter =
  | { by: "all" }
  | { by: "kind"; kind: OutcomeKind }
  | { by: "case-kind"; kind: SweepCase["kind"] }
  | { by: "unsettled" };

const severity = (k: OutcomeKind) => OUTCOME_KINDS.indexOf(k);

function rowCells(cells: ReadonlyArray<CellResult | undefined>, row: number, width: number): CellResult[] {
  const out: CellResult[] = [];
  for (let i = 0; i < width; i++) {
    const c = cells[row * width + i];
    if (c) out.push(c);
  }
  return out;
}

function keep(f: RowFilter, c: SweepCase, row: CellResult[]): boolean {
  switch (f.by) {
    case "all":
      return true;
    case "kind":
      return row.some((x) => x.kind === f.kind);
    case "case-kind":
      return c.kind === f.kind;
    case "unsettled":
      return row.some((x) => x.disagreement > 0);
    default: {
      const never: never = f;
      return never;
    }
  }
}

function score(
  sort: SortKey,
  row: CellResult[],
  width: number,
  cells: ReadonlyArray<CellResult | undefined>,
  i: number,
) {
  switch (sort.by) {
    case "case":
      return [0];
    case "worst-loss":
      return [Math.max(-1, ...row.map((c) => c.lostMax)), Math.max(-1, ...row.map((c) => severity(c.kind)))];
    case "severity":
      return [Math.max(-1, ...row.map((c) => severity(c.kind))), Math.max(-1, ...row.map((c) => c.lostMax))];
    case "column": {
      const c = cells[i * width + sort.column];
      return c ? [severity(c.kind), c.lostMax, c.unavailableMsMax] : [-1];
    }
    default: {
      const never: never = sort;
      return never;
    }
  }
}

/** Row indexes to show, worst first for every sort but case order; ties keep case order. */
export function visibleRows(
  cases: readonly SweepCase[],
  cells: ReadonlyArray<CellResult | undefined>,
  width: number,
  filter: RowFilter,
  sort: SortKey,
): number[] {
  const rows: Array<{ i: number; s: number[] }> = [];
  cases.forEach((c, i) => {
    const row = rowCells(cells, i, width);
    if (filter.by !== "all" && !keep(filter, c, row)) return;
    rows.push({ i, s: score(sort, row, width, cells, i) });
  });
  rows.sort((a, b) => {
    for (let k = 0; k < a.s.length; k++) if (a.s[k] !== b.s[k]) return (b.s[k] ?? 0) - (a.s[k] ?? 0);
    return a.i - b.i;
  });
  return rows.map((r) => r.i);
}
