import type { Scenario } from "../scenario/schema";
import { allPartitions, bell, completionTable, groupsOf, sampleRanks, unrankPartition } from "./partitions";
import { DEFAULT_SAMPLE, MAX_PARTITIONS, MAX_RUNS, type SweepSettings, settingsProblems } from "./settings";

// The rows and columns of the matrix: which faults, which quorums. Plain data, so it crosses to a worker.

export type SweepCase =
  /** `rank` is the partition's rank among all partitions of the boxes (decimal, since it may pass 2^53). */
  | { kind: "partition"; rank: string; groups: string[][] }
  | { kind: "crash"; box: string }
  | { kind: "cut"; from: string; to: string };

export interface SweepColumn {
  quorum: number;
  /** min-replicas-to-write for every Redis, or null to keep the scenario's own. */
  minReplicas: number | null;
}

export interface SweepPlan {
  boxes: string[];
  cases: SweepCase[];
  columns: SweepColumn[];
  /** All partitions of the boxes, and how many of them the plan holds (fewer when sampled). */
  partitionsTotal: string;
  partitionsChosen: number;
  /** Simulations the whole sweep runs. */
  runs: number;
}

export type PlanResult =
  | { ok: true; plan: SweepPlan }
  | { ok: false; message: string; tooLarge?: { partitions: string; suggestedSample: number } };

/** Sentinels that monitor each group; the quorum columns go up to the smallest of these. */
function sentinelsPerGroup(s: Scenario): Map<string, number> {
  const out = new Map(s.groups.map((g) => [g.name, 0]));
  for (const b of s.boxes)
    for (const p of b.processes)
      if (p.kind === "sentinel") for (const g of p.monitors ?? s.groups.map((x) => x.name)) out.set(g, out.get(g)! + 1);
  return out;
}

export function planColumns(s: Scenario, settings: SweepSettings): SweepColumn[] | string {
  const counts = sentinelsPerGroup(s);
  const bare = [...counts].filter(([, n]) => n === 0).map(([g]) => g);
  if (bare.length)
    return `no Sentinel monitors ${bare.map((g) => `"${g}"`).join(", ")}: the explorer compares Sentinel quorums, so add a Sentinel`;
  const most = Math.min(...counts.values());
  const quorums = settings.quorums ?? Array.from({ length: most }, (_, i) => i + 1);
  const tooHigh = quorums.filter((q) => q > most);
  if (tooHigh.length) return `quorum ${tooHigh.join(", ")}: only ${most} Sentinels monitor each group`;
  const mins = settings.minReplicas ? [0, 1] : [null];
  return mins.flatMap((minReplicas) => quorums.map((quorum) => ({ quorum, minReplicas })));
}

function partitionCases(boxes: string[], settings: SweepSettings, total: bigint, seed: number): SweepCase[] {
  const toCase = (blocks: number[], rank: bigint): SweepCase => ({
    kind: "partition",
    rank: rank.toString(),
    groups: groupsOf(blocks).map((g) => g.map((i) => boxes[i]!)),
  });
  if (settings.sample !== undefined && BigInt(settings.sample) < total) {
    const table = completionTable(boxes.length);
    return sampleRanks(total, settings.sample, seed).map((r) => toCase(unrankPartition(boxes.length, r, table), r));
  }
  const out: SweepCase[] = [];
  let rank = 0n;
  for (const blocks of allPartitions(boxes.length)) out.push(toCase(blocks, rank++));
  return out;
}

/** The cases and columns of a sweep, or a message saying why it cannot run (and an offer to sample). */
export function planSweep(s: Scenario, settings: SweepSettings): PlanResult {
  const problems = settingsProblems(settings);
  if (problems.length) return { ok: false, message: problems.join("; ") };
  const columns = planColumns(s, settings);
  if (typeof columns === "string") return { ok: false, message: columns };
  const boxes = s.boxes.map((b) => b.id);
  const total = bell(boxes.length);
  if (total > BigInt(MAX_PARTITIONS) && settings.sample === undefined) {
    const suggestedSample = DEFAULT_SAMPLE;
    return {
      ok: false,
      message: `${boxes.length} boxes can be split in ${total.toLocaleString("en-US")} ways, too many to simulate (the limit is ${MAX_PARTITIONS.toLocaleString("en-US")}). Explore a uniform sample of ${suggestedSample} partitions instead.`,
      tooLarge: { partitions: total.toString(), suggestedSample },
    };
  }
  const others = (settings.crashes ? boxes.length : 0) + (settings.oneWayCuts ? boxes.length * (boxes.length - 1) : 0);
  const perCase = columns.length * settings.seeds;
  const wanted = settings.sample === undefined || BigInt(settings.sample) > total ? Number(total) : settings.sample;
  const runs = (wanted + others) * perCase;
  if (runs > MAX_RUNS) {
    const suggestedSample = Math.floor(MAX_RUNS / perCase) - others;
    const fewer = `use fewer seeds or columns${suggestedSample >= 1 ? `, or explore a sample of ${suggestedSample} partitions` : ""}`;
    return {
      ok: false,
      message: `That is ${runs.toLocaleString("en-US")} simulations, more than the ${MAX_RUNS.toLocaleString("en-US")} a sweep may run: ${fewer}.`,
      ...(suggestedSample >= 1 ? { tooLarge: { partitions: total.toString(), suggestedSample } } : {}),
    };
  }
  const cases = partitionCases(boxes, settings, total, s.seed);
  const partitionsChosen = cases.length;
  if (settings.crashes) for (const box of boxes) cases.push({ kind: "crash", box });
  if (settings.oneWayCuts)
    for (const from of boxes) for (const to of boxes) if (from !== to) cases.push({ kind: "cut", from, to });
  return {
    ok: true,
    plan: {
      boxes,
      cases,
      columns,
      partitionsTotal: total.toString(),
      partitionsChosen,
      runs,
    },
  };
}

export function caseLabel(c: SweepCase): string {
  switch (c.kind) {
    case "partition":
      return c.groups.length === 1 ? "no fault (all connected)" : c.groups.map((g) => g.join(" ")).join(" | ");
    case "crash":
      return `${c.box} crashes`;
    case "cut":
      return `${c.from} → ${c.to} cut`;
    default: {
      const never: never = c;
      return never;
    }
  }
}

export function columnLabel(col: SweepColumn): string {
  return col.minReplicas === null ? `quorum ${col.quorum}` : `quorum ${col.quorum}, min-replicas ${col.minReplicas}`;
}
