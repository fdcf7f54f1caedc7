import type { Trace } from "../model/trace";
import type { Expectation, Scenario } from "../scenario/schema";
import { clientWrites, eventsNamed, failovers, splitBrains } from "./outcomes";

// Checks a scenario's `expect` block against a trace, and over many seeds against the stated shares.

export interface ExpectationResult {
  index: number;
  label: string;
  pass: boolean;
  actual: string;
  /** Stated to hold on some seeds only (a `share` below 1): one run cannot contradict it. */
  sometimes: boolean;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const inRange = (v: number, r?: readonly [number, number]) => !r || (v >= r[0] && v <= r[1]);
const rangeText = (r: readonly [number, number], unit: "ms" | "n") =>
  unit === "ms" ? `${s(r[0])}–${s(r[1])}` : r[0] === r[1] ? `${r[0]}` : `${r[0]}–${r[1]}`;

export function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case "final-master":
      return `${e.group}: master at the end is ${e.oneOf.join(" or ")}`;
    case "failover": {
      const parts = [`${e.group}: failovers ${e.count ? rangeText(e.count, "n") : "≥ 1"}`];
      if (e.firstAtMs) parts.push(`first at ${rangeText(e.firstAtMs, "ms")}`);
      if (e.promoted) parts.push(`promoting ${e.promoted.join(" or ")}`);
      if (e.epoch) parts.push(`epoch ${rangeText(e.epoch, "n")}`);
      return parts.join(", ");
    }
    case "split-brain":
      return `${e.group}: ${e.occurs ? "split brain" : "no split brain"}${e.durationMs ? ` lasting ${rangeText(e.durationMs, "ms")}` : ""}`;
    case "lost-writes":
      return `${e.client ?? "all clients"}: ${rangeText(e.count, "n")} acknowledged writes lost`;
    case "refused-writes":
      return `${e.client ?? "clients"}: ${e.occurs ? "" : "no "}writes refused with ${e.error}${e.firstAtMs ? ` from ${rangeText(e.firstAtMs, "ms")}` : ""}`;
    case "event":
      return `${e.process ?? "any process"}: ${e.occurs ? "" : "no "}${e.name}${e.subject ? ` of ${e.subject}` : ""}${e.count ? ` ×${rangeText(e.count, "n")}` : ""}${e.firstAtMs ? ` first at ${rangeText(e.firstAtMs, "ms")}` : ""}`;
    case "unavailable":
      return `${e.client}: longest time without an acknowledged write ${rangeText(e.longestMs, "ms")}`;
    default: {
      const never: never = e;
      return never;
    }
  }
}

export function checkExpectation(trace: Trace, e: Expectation, index: number): ExpectationResult {
  const label = describeExpectation(e);
  const sometimes = e.share !== undefined && e.share.min < 1;
  const done = (pass: boolean, actual: string): ExpectationResult => ({ index, label, pass, actual, sometimes });
  switch (e.kind) {
    case "final-master": {
      const m = trace.groups.find((g) => g.group === e.group)?.finalMaster ?? null;
      return done(m !== null && e.oneOf.includes(m), `master at the end: ${m ?? "none"}`);
    }
    case "failover": {
      const f = failovers(trace, e.group);
      const first = f[0];
      let pass = e.count ? inRange(f.length, e.count) : f.length > 0;
      if (e.firstAtMs) pass &&= first !== undefined && inRange(first.tMs, e.firstAtMs);
      if (e.promoted) pass &&= first !== undefined && e.promoted.includes(first.to);
      if (e.epoch) pass &&= first !== undefined && inRange(first.epoch, e.epoch);
      const actual = f.length
        ? `${f.length} failover${f.length > 1 ? "s" : ""}: ${f.map((x) => `${x.to} at ${s(x.tMs)} (epoch ${x.epoch})`).join("; ")}`
        : "no failover";
      return done(pass, actual);
    }
    case "split-brain": {
      const sb = splitBrains(trace, e.group);
      const total = sb.reduce((a, x) => a + (x.toMs - x.fromMs), 0);
      const pass = e.occurs ? sb.length > 0 && inRange(total, e.durationMs) : sb.length === 0;
      return done(
        pass,
        sb.length
          ? `split brain ${sb.map((x) => `${x.masters.join("+")} ${s(x.fromMs)}–${s(x.toMs)}`).join("; ")} (${s(total)})`
          : "no split brain",
      );
    }
    case "lost-writes": {
      const w = clientWrites(trace).filter((c) => !e.client || c.client === e.client);
      const lost = w.reduce((a, c) => a + c.lost, 0);
      const windows = w.flatMap((c) => c.lossWindows);
      let pass = inRange(lost, e.count);
      const firstAck = Math.min(...windows.map((x) => x.fromMs));
      const lastAck = Math.max(...windows.map((x) => x.toMs));
      if (e.firstAckMs) pass &&= windows.length > 0 && inRange(firstAck, e.firstAckMs);
      if (e.lastAckMs) pass &&= windows.length > 0 && inRange(lastAck, e.lastAckMs);
      const where = windows.map((x) => `${x.count} acked by ${x.node} ${s(x.fromMs)}–${s(x.toMs)}`).join("; ");
      return done(pass, `${lost} lost${where ? ` (${where})` : ""}`);
    }
    case "refused-writes": {
      const w = clientWrites(trace).filter((c) => !e.client || c.client === e.client);
      let count = 0;
      let first = Number.POSITIVE_INFINITY;
      for (const c of w)
        for (const [code, n] of Object.entries(c.failed)) {
          if (e.error !== "any" && code !== e.error) continue;
          count += n;
          first = Math.min(first, c.firstRefusalMs[code]!);
        }
      let pass = e.occurs ? count > 0 : count === 0;
      if (e.occurs && e.firstAtMs) pass &&= inRange(first, e.firstAtMs);
      if (e.count) pass &&= inRange(count, e.count);
      return done(
        pass,
        count ? `${count} refused with ${e.error}, first at ${s(first)}` : `none refused with ${e.error}`,
      );
    }
    case "event": {
      const ev = eventsNamed(trace, e.name, e.process).filter((x) => !e.subject || x.subject === e.subject);
      let pass = e.occurs ? ev.length > 0 : ev.length === 0;
      if (e.count) pass &&= inRange(ev.length, e.count);
      if (e.occurs && e.firstAtMs) pass &&= ev.length > 0 && inRange(ev[0]!.tMs, e.firstAtMs);
      const who = [...new Set(ev.map((x) => x.process))].join(", ");
      return done(pass, ev.length ? `${e.name} ×${ev.length} (${who}), first at ${s(ev[0]!.tMs)}` : `no ${e.name}`);
    }
    case "unavailable": {
      const c = clientWrites(trace).find((x) => x.client === e.client);
      const gap = c?.longestGapMs ?? 0;
      return done(inRange(gap, e.longestMs), `longest gap ${s(gap)}`);
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

export function checkExpectations(trace: Trace, scenario: Scenario): ExpectationResult[] {
  return scenario.expect.map((e, i) => checkExpectation(trace, e, i));
}

export interface SeedVerdict {
  index: number;
  label: string;
  held: number;
  seeds: number;
  share: { min: number; max: number };
  pass: boolean;
  /** Seeds on which it did not hold, to replay them. */
  failingSeeds: number[];
}

/** Over several seeds: an expectation holds on all of them, or on the share its `share` states. */
export function verdictOverSeeds(
  scenario: Scenario,
  perSeed: Array<{ seed: number; results: ExpectationResult[] }>,
): SeedVerdict[] {
  return scenario.expect.map((e, i) => {
    const share = e.share ?? { min: 1, max: 1 };
    const held = perSeed.filter((r) => r.results[i]!.pass).length;
    const ratio = perSeed.length ? held / perSeed.length : 0;
    return {
      index: i,
      label: describeExpectation(e),
      held,
      seeds: perSeed.length,
      share,
      pass: ratio >= share.min - 1e-9 && ratio <= share.max + 1e-9,
      failingSeeds: perSeed.filter((r) => !r.results[i]!.pass).map((r) => r.seed),
    };
  });
}
