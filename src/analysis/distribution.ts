import type { RunSummary } from "./summary";

// What varies between seeds: outcome distributions for `npm run sim -- --seeds N` and the app's seed panel.

export interface Stat {
  min: number;
  median: number;
  max: number;
}

export function stat(xs: readonly number[]): Stat | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
}

export interface Distribution {
  seeds: number;
  groups: Array<{
    group: string;
    /** How many seeds ended with each master. */
    finalMaster: Record<string, number>;
    /** How many seeds had 0, 1, 2 … failovers. */
    failoverCount: Record<string, number>;
    firstFailoverMs: Stat | null;
    splitBrainMs: Stat | null;
  }>;
  clients: Array<{ client: string; lost: Stat; acked: Stat; refused: Stat; unknown: Stat }>;
}

export function distribution(runs: readonly RunSummary[]): Distribution {
  const groups = (runs[0]?.groups ?? []).map((g0) => {
    const finalMaster: Record<string, number> = {};
    const failoverCount: Record<string, number> = {};
    const first: number[] = [];
    const split: number[] = [];
    for (const r of runs) {
      const g = r.groups.find((x) => x.group === g0.group)!;
      const m = g.finalMaster ?? "(none)";
      finalMaster[m] = (finalMaster[m] ?? 0) + 1;
      const n = String(g.failovers.length);
      failoverCount[n] = (failoverCount[n] ?? 0) + 1;
      if (g.failovers[0]) first.push(g.failovers[0].tMs);
      split.push(g.splitBrains.reduce((a, b) => a + (b.toMs - b.fromMs), 0));
    }
    return { group: g0.group, finalMaster, failoverCount, firstFailoverMs: stat(first), splitBrainMs: stat(split) };
  });
  const clients = (runs[0]?.clients ?? []).map((c0) => {
    const of = (f: (c: RunSummary["clients"][number]) => number) =>
      stat(runs.map((r) => f(r.clients.find((c) => c.client === c0.client)!)))!;
    return {
      client: c0.client,
      lost: of((c) => c.lost),
      acked: of((c) => c.acked),
      refused: of((c) => Object.values(c.failed).reduce((a, b) => a + b, 0)),
      unknown: of((c) => c.unknown),
    };
  });
  return { seeds: runs.length, groups, clients };
}
