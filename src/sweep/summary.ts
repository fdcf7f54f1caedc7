import { columnLabel, type SweepColumn } from "./cases";
import { OUTCOME_KINDS, type OutcomeKind, UNAVAILABLE_MIN_MS } from "./classify";
import type { CellResult } from "./run";

// Per column (quorum): how bad it gets over all cases, and a recommendation that says what it costs.

export interface ColumnSummary {
  columnIndex: number;
  label: string;
  /** Cases with a result so far. */
  cases: number;
  counts: Record<OutcomeKind, number>;
  lostCases: number;
  lostWorst: number;
  /** Median of the cases that lose writes. */
  lostTypical: number;
  splitBrainCases: number;
  splitBrainMsWorst: number;
  unavailableCases: number;
  unavailableMsWorst: number;
  /** Sum over cases of the longest time some client could not write. */
  unavailableMsTotal: number;
  /** Cases whose seeds disagree on the outcome. */
  unsettledCases: number;
}

function median(sorted: readonly number[]): number {
  if (!sorted.length) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function summarizeColumn(columnIndex: number, column: SweepColumn, cells: readonly CellResult[]): ColumnSummary {
  const mine = cells.filter((c) => c.columnIndex === columnIndex);
  const counts = Object.fromEntries(OUTCOME_KINDS.map((k) => [k, 0])) as Record<OutcomeKind, number>;
  for (const c of mine) counts[c.kind]++;
  const lost = mine
    .filter((c) => c.lostMax > 0)
    .map((c) => c.lostMax)
    .sort((a, b) => a - b);
  const split = mine.filter((c) => c.splitBrainMsMax > 0);
  const unavailable = mine.filter((c) => c.unavailableMsMax >= UNAVAILABLE_MIN_MS);
  return {
    columnIndex,
    label: columnLabel(column),
    cases: mine.length,
    counts,
    lostCases: lost.length,
    lostWorst: lost.at(-1) ?? 0,
    lostTypical: median(lost),
    splitBrainCases: split.length,
    splitBrainMsWorst: Math.max(0, ...split.map((c) => c.splitBrainMsMax)),
    unavailableCases: unavailable.length,
    unavailableMsWorst: Math.max(0, ...unavailable.map((c) => c.unavailableMsMax)),
    unavailableMsTotal: unavailable.reduce((sum, c) => sum + c.unavailableMsMax, 0),
    unsettledCases: mine.filter((c) => c.disagreement > 0).length,
  };
}

export function summarizeColumns(columns: readonly SweepColumn[], cells: readonly CellResult[]): ColumnSummary[] {
  return columns.map((col, i) => summarizeColumn(i, col, cells));
}

export function formatSeconds(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}

/** One clause per risk: split brain, lost writes, unavailability. */
export function describeColumn(s: ColumnSummary): string[] {
  const of = `of ${s.cases} cases`;
  return [
    s.splitBrainCases
      ? `two masters take writes in ${s.splitBrainCases} ${of} (for up to ${formatSeconds(s.splitBrainMsWorst)})`
      : "never two masters taking writes",
    s.lostCases
      ? `writes lost in ${s.lostCases} ${of} (worst ${s.lostWorst}, typically ${s.lostTypical})`
      : "no lost writes",
    s.unavailableCases
      ? `writes unavailable in ${s.unavailableCases} ${of} for up to ${formatSeconds(s.unavailableMsWorst)}`
      : "writes always available",
  ];
}

/** Lower is safer: split brain first, then lost writes, then unavailability. */
function risk(s: ColumnSummary): number[] {
  return [s.splitBrainCases, s.lostCases, s.lostWorst, s.unavailableCases, s.unavailableMsTotal];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The safest column and what it costs; and, when another column has less downtime, what that one risks. */
export function recommend(summaries: readonly ColumnSummary[]): string {
  const ranked = summaries.filter((s) => s.cases > 0);
  if (!ranked.length) return "";
  const best = ranked.reduce((a, b) => (compare(risk(b), risk(a)) < 0 ? b : a));
  const text = `${capitalize(best.label)} is the safest choice here: ${describeColumn(best).join("; ")}.`;
  const available = ranked.reduce((a, b) => (b.unavailableMsTotal < a.unavailableMsTotal ? b : a));
  if (available.unavailableMsTotal >= best.unavailableMsTotal) return text;
  const risks = describeColumn(available)
    .slice(0, 2)
    .filter((_, i) => (i === 0 ? available.splitBrainCases > 0 : available.lostCases > 0));
  const price = risks.length ? ` but ${risks.join(" and ")}` : "";
  return `${text} ${capitalize(available.label)} has less downtime (${formatSeconds(available.unavailableMsTotal)} in all against ${formatSeconds(best.unavailableMsTotal)})${price}.`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
