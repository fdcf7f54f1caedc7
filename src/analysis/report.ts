import type { Distribution, Stat } from "./distribution";
import type { SeedVerdict } from "./expectations";
import type { RunSummary } from "./summary";

const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export function formatSummary(sum: RunSummary): string {
  const out: string[] = [];
  out.push(`${sum.title}  [${sum.scenarioId}, seed ${sum.seed}, ${s(sum.endMs)} simulated]`);
  if (sum.endReason !== "duration") out.push(`  stopped early: ${sum.endReason}`);
  for (const g of sum.groups) {
    out.push("", `group ${g.group}: master at the end ${g.finalMaster ?? "(none)"}`);
    if (!g.failovers.length) out.push("  no failover");
    for (const f of g.failovers)
      out.push(
        `  failover at ${s(f.tMs)}: ${f.from} -> ${f.to}, epoch ${f.epoch}${f.leader ? `, leader ${f.leader}` : ""}${f.promotedMs !== null ? `, promoted at ${s(f.promotedMs)}` : ""}`,
      );
    for (const b of g.splitBrains)
      out.push(
        `  split brain ${s(b.fromMs)}-${s(b.toMs)} (${s(b.toMs - b.fromMs)}): ${b.masters.map((m) => `${m} acked ${b.acked[m] ?? 0}`).join(", ")}`,
      );
  }
  out.push("", "writes          acked  refused  unknown  lost");
  for (const c of sum.clients) {
    const refused = Object.values(c.failed).reduce((a, b) => a + b, 0);
    out.push(
      `  ${c.client.padEnd(12)}${String(c.acked).padStart(7)}${String(refused).padStart(9)}${String(c.unknown).padStart(9)}${String(c.lost).padStart(6)}`,
    );
    const codes = Object.entries(c.failed).map(([k, v]) => `${k} ${v} (first ${s(c.firstRefusalMs[k]!)})`);
    if (codes.length) out.push(`    refused: ${codes.join(", ")}`);
    for (const w of c.lossWindows)
      out.push(`    lost ${w.count} acked by ${w.node} between ${s(w.fromMs)} and ${s(w.toMs)}`);
  }
  if (sum.expectations.length) {
    out.push("", "expectations");
    for (const e of sum.expectations) {
      const mark = e.pass ? (e.sometimes ? "HOLDS" : "PASS") : e.sometimes ? "NOT NOW" : "FAIL";
      const why = e.sometimes ? " (stated for a share of seeds; see --seeds)" : "";
      out.push(`  ${mark.padEnd(7)} ${e.label}${why}\n          got: ${e.actual}`);
    }
  }
  return out.join("\n");
}

export function formatSeedVerdicts(v: SeedVerdict[], seeds: number): string {
  const out = ["", `over ${seeds} seeds`];
  if (!v.length) out.push("  (the scenario states no expectations)");
  for (const x of v) {
    const want = x.share.min === 1 ? "all" : `${Math.round(x.share.min * 100)}-${Math.round(x.share.max * 100)}%`;
    out.push(
      `  ${x.pass ? "PASS" : "FAIL"}  ${x.label}: held on ${x.held}/${x.seeds} (wanted ${want})${x.failingSeeds.length && x.pass === false ? `; fails on seeds ${x.failingSeeds.slice(0, 5).join(", ")}` : ""}`,
    );
  }
  return out.join("\n");
}

const st = (x: Stat | null, f: (n: number) => string = String) =>
  x ? (x.min === x.max ? f(x.min) : `${f(x.min)} / ${f(x.median)} / ${f(x.max)}`) : "-";

/** min / median / max over the seeds. */
export function formatDistribution(d: Distribution): string {
  const out = ["", `distribution over ${d.seeds} seeds (min / median / max)`];
  const counts = (r: Record<string, number>) =>
    Object.entries(r)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} on ${v}`)
      .join(", ");
  for (const g of d.groups) {
    out.push(`  group ${g.group}: master at the end: ${counts(g.finalMaster)}`);
    out.push(`    failovers: ${counts(g.failoverCount)}; first at ${st(g.firstFailoverMs, s)}`);
    out.push(`    split brain: ${st(g.splitBrainMs, s)}`);
  }
  for (const c of d.clients)
    out.push(
      `  ${c.client.padEnd(10)} acked ${st(c.acked)}, refused ${st(c.refused)}, unknown ${st(c.unknown)}, lost ${st(c.lost)}`,
    );
  return out.join("\n");
}
