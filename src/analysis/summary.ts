import type { Trace } from "../model/trace";
import type { Scenario } from "../scenario/schema";
import { checkExpectations, type ExpectationResult } from "./expectations";
import { type ClientWrites, clientWrites, type Failover, failovers, type SplitBrain, splitBrains } from "./outcomes";

export interface GroupSummary {
  group: string;
  finalMaster: string | null;
  failovers: Failover[];
  splitBrains: SplitBrain[];
}

export interface RunSummary {
  scenarioId: string;
  title: string;
  seed: number;
  endMs: number;
  endReason: Trace["endReason"];
  groups: GroupSummary[];
  clients: ClientWrites[];
  expectations: ExpectationResult[];
  pass: boolean;
}

export function summarize(scenario: Scenario, trace: Trace): RunSummary {
  const expectations = checkExpectations(trace, scenario);
  return {
    scenarioId: scenario.id,
    title: scenario.title,
    seed: trace.seed,
    endMs: trace.endMs,
    endReason: trace.endReason,
    groups: trace.groups.map((g) => ({
      group: g.group,
      finalMaster: g.finalMaster,
      failovers: failovers(trace, g.group),
      splitBrains: splitBrains(trace, g.group),
    })),
    clients: clientWrites(trace),
    expectations,
    pass: expectations.every((e) => e.pass || e.sometimes) && trace.endReason === "duration",
  };
}
