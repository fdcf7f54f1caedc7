import type { Scenario } from "../scenario/schema";
import { caseLabel, columnLabel, type SweepPlan } from "./cases";
import { OUTCOME_LABELS } from "./classify";
import { type CellResult, isFinal, sweepSeeds } from "./run";
import type { SweepSettings } from "./settings";
import { type ColumnSummary, formatSeconds, recommend, summarizeColumns } from "./summary";

// The whole result of a sweep as one plain document: `npm run sweep -- --json` prints it and the explorer
// offers it as a download, so the two can be compared byte for byte.

export interface SweepReport {
  scenario: { id: string; title: string };
  settings: SweepSettings;
  seeds: number[];
  plan: SweepPlan;
  /** Finished cells, case by case then column by column, whatever order they were computed in. */
  cells: CellResult[];
  complete: boolean;
  summary: ColumnSummary[];
  recommendation: string;
}

export function sweepReport(
  scenario: Scenario,
  settings: SweepSettings,
  plan: SweepPlan,
  cells: readonly CellResult[],
): SweepReport {
  const ordered = [...cells].sort((a, b) => a.caseIndex - b.caseIndex || a.columnIndex - b.columnIndex);
  const summary = summarizeColumns(plan.columns, ordered);
  return {
    scenario: { id: scenario.id, title: scenario.title },
    settings,
    seeds: sweepSeeds(scenario, settings),
    plan,
    cells: ordered,
    complete: isComplete(plan, settings, ordered),
    summary,
    recommendation: recommend(summary),
  };
}

/** Every cell of the plan is there, each with its result on every seed. */
export function isComplete(plan: SweepPlan, settings: SweepSettings, cells: readonly CellResult[]): boolean {
  return cells.length === plan.cases.length * plan.columns.length && cells.every((c) => isFinal(c, settings.seeds));
}

/** A cell in a few characters: outcome, lost writes, and the share of seeds that disagree. */
export function cellText(c: CellResult): string {
  const parts: string[] = [OUTCOME_LABELS[c.kind]];
  if (c.lost > 0)
    parts.push(
      `lost ${Object.entries(c.lostByClient)
        .map(([client, n]) => `${client}:${n}`)
        .join(" ")}`,
    );
  if (c.lostMax > c.lost) parts.push(`${c.lostMax} lost on the worst seed`);
  if (c.splitBrainMsMax > 0) parts.push(`two masters ${formatSeconds(c.splitBrainMsMax)}`);
  if (c.kind === "unavailable") parts.push(formatSeconds(c.unavailableMsMax));
  if (c.disagreement > 0) parts.push(`${Math.round(c.disagreement * 100)}% of seeds differ`);
  return parts.join(", ");
}

export function formatReport(r: SweepReport): string {
  const lines: string[] = [];
  const { plan, settings } = r;
  const sampled = plan.partitionsChosen < Number(plan.partitionsTotal);
  lines.push(`${r.scenario.title} (${r.scenario.id})`);
  lines.push(
    `${plan.boxes.length} boxes, ${sampled ? `a sample of ${plan.partitionsChosen} of ${plan.partitionsTotal}` : plan.partitionsChosen} partitions, ` +
      `${plan.cases.length - plan.partitionsChosen} other cases; fault at ${settings.cutAtMs / 1000} s for ${settings.durationMs / 1000} s (${settings.kind}), ` +
      `seeds ${r.seeds.join(", ")}`,
  );
  const byCase = new Map<number, CellResult[]>();
  for (const c of r.cells) (byCase.get(c.caseIndex) ?? byCase.set(c.caseIndex, []).get(c.caseIndex)!).push(c);
  plan.cases.forEach((c, i) => {
    lines.push("", caseLabel(c));
    for (const cell of byCase.get(i) ?? [])
      lines.push(`  ${columnLabel(plan.columns[cell.columnIndex]!).padEnd(30)} ${cellText(cell)}`);
  });
  lines.push("", "Summary per column");
  for (const s of r.summary)
    lines.push(
      `  ${s.label.padEnd(30)} split brain ${s.splitBrainCases}, lost writes in ${s.lostCases} (worst ${s.lostWorst}, typically ${s.lostTypical}), ` +
        `unavailable in ${s.unavailableCases} (up to ${formatSeconds(s.unavailableMsWorst)}, ${formatSeconds(s.unavailableMsTotal)} in all), seeds differ in ${s.unsettledCases}`,
    );
  if (r.recommendation) lines.push("", r.recommendation);
  if (!r.complete) {
    const final = r.cells.filter((c) => isFinal(c, settings.seeds)).length;
    lines.push("", `incomplete: ${final} of ${plan.cases.length * plan.columns.length} cells on every seed`);
  }
  return lines.join("\n");
}
