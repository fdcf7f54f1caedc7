import type { ExpectationResult } from "../analysis/expectations";
import type { Scenario } from "../scenario/schema";

// An expectation stated for a share of seeds (`share.min` < 1) may fail on any one run and still hold:
// it is shown as "varies", not as a failure.

export type Verdict = "pass" | "fail" | "varies";

export const VERDICT_TEXT: Record<Verdict, string> = { pass: "PASS", fail: "FAIL", varies: "NOT ON THIS SEED" };

export function verdictOf(r: ExpectationResult, s: Scenario): Verdict {
  if (r.pass) return "pass";
  const share = s.expect[r.index]?.share;
  return share && share.min < 1 ? "varies" : "fail";
}

export interface Tally {
  pass: number;
  fail: number;
  varies: number;
  total: number;
}

export function tally(results: ExpectationResult[], s: Scenario): Tally {
  const out: Tally = { pass: 0, fail: 0, varies: 0, total: results.length };
  for (const r of results) out[verdictOf(r, s)]++;
  return out;
}

/** "13/15 hold, 2 vary by seed" */
export function tallyText(t: Tally): string {
  return `${t.pass}/${t.total} hold${t.varies ? `, ${t.varies} var${t.varies === 1 ? "ies" : "y"} by seed` : ""}`;
}
