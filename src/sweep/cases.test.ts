import { describe, expect, it } from "vitest";
import { validateScenario } from "../scenario/validate";
import { buildCaseScenario, lateDeliveryMs, settleAfterHealMs } from "./build";
import { caseLabel, planSweep, type SweepCase } from "./cases";
import { DEFAULT_SETTINGS } from "./settings";
import { boxes, shipped } from "./testScenarios";

describe("planSweep", () => {
  it("has every partition, then each crash, then (when asked) each one-way cut", () => {
    const p = planSweep(boxes(5), { ...DEFAULT_SETTINGS, oneWayCuts: true });
    if (!p.ok) throw new Error(p.message);
    expect(p.plan.partitionsChosen).toBe(52);
    expect(p.plan.cases.filter((c) => c.kind === "crash")).toHaveLength(5);
    expect(p.plan.cases.filter((c) => c.kind === "cut")).toHaveLength(20);
    expect(caseLabel(p.plan.cases[0]!)).toBe("no fault (all connected)");
    expect(caseLabel(p.plan.cases[51]!)).toBe("b1 | b2 | b3 | b4 | b5");
    expect(p.plan.columns.map((c) => c.quorum)).toEqual([1, 2, 3]);
    expect(p.plan.runs).toBe((52 + 5 + 20) * 3 * 5);
  });

  it("counts 877 partitions for 7 boxes", () => {
    const p = planSweep(boxes(7), { ...DEFAULT_SETTINGS, crashes: false });
    expect(p.ok && p.plan.cases.length).toBe(877);
  });

  it("adds min-replicas-to-write 0 and 1 columns", () => {
    const p = planSweep(shipped("a2a-three-boxes-master-isolated"), { ...DEFAULT_SETTINGS, minReplicas: true });
    expect(p.ok && p.plan.columns).toEqual([
      { quorum: 1, minReplicas: 0 },
      { quorum: 2, minReplicas: 0 },
      { quorum: 3, minReplicas: 0 },
      { quorum: 1, minReplicas: 1 },
      { quorum: 2, minReplicas: 1 },
      { quorum: 3, minReplicas: 1 },
    ]);
  });

  it("refuses 12 boxes with a clear message and offers a sample, without enumerating", () => {
    const t0 = performance.now();
    const p = planSweep(boxes(12), DEFAULT_SETTINGS);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.message).toMatch(/12 boxes can be split in 4,213,597 ways/);
    expect(p.message).toMatch(/sample of 500/);
    expect(p.tooLarge).toEqual({ partitions: "4213597", suggestedSample: 500 });
    const sampled = planSweep(boxes(12), { ...DEFAULT_SETTINGS, sample: 500 });
    expect(sampled.ok && sampled.plan.partitionsChosen).toBe(500);
    expect(sampled.ok && sampled.plan.partitionsTotal).toBe("4213597");
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("refuses more simulations than a sweep may run, offering a sample that fits", () => {
    const p = planSweep(boxes(8), { ...DEFAULT_SETTINGS, seeds: 100 });
    expect(!p.ok && p.message).toMatch(/That is 1,244,400 simulations, more than the 250,000/);
    expect(!p.ok && p.tooLarge?.suggestedSample).toBe(825);
    const sampled = planSweep(boxes(8), { ...DEFAULT_SETTINGS, seeds: 100, sample: 825 });
    expect(sampled.ok && sampled.plan.runs).toBe(249_900);
  });

  it("explains impossible requests", () => {
    const none = planSweep(boxes(3, false), DEFAULT_SETTINGS);
    expect(!none.ok && none.message).toMatch(/no Sentinel monitors "g"/);
    const high = planSweep(boxes(3), { ...DEFAULT_SETTINGS, quorums: [4] });
    expect(!high.ok && high.message).toMatch(/quorum 4: only 3 Sentinels/);
    const seeds = planSweep(boxes(3), { ...DEFAULT_SETTINGS, seeds: 0 });
    expect(!seeds.ok && seeds.message).toMatch(/seeds: use a whole number/);
  });
});

describe("buildCaseScenario", () => {
  it("builds valid scenarios with the column's quorum and one fault from a steady state", () => {
    const base = shipped("a2a-three-boxes-master-isolated");
    const p = planSweep(base, { ...DEFAULT_SETTINGS, oneWayCuts: true, minReplicas: true });
    if (!p.ok) throw new Error(p.message);
    for (const c of p.plan.cases)
      for (const col of p.plan.columns) {
        const s = buildCaseScenario(base, DEFAULT_SETTINGS, c, col, 77);
        const v = validateScenario(s);
        expect(v.ok ? [] : v.problems).toEqual([]);
        expect(s.seed).toBe(77);
        expect(s.groups[0]!.sentinel?.quorum).toBe(col.quorum);
        expect(s.groups[0]!.redis?.["min-replicas-to-write"]).toBe(col.minReplicas);
        // 60 s after the heal, and 10 s past the 53.2 s the last segment held back by a 60 s drop cut can wait.
        expect(s.durationMs).toBe(90_000 + 63_248);
      }
    const isolated = buildCaseScenario(base, DEFAULT_SETTINGS, p.plan.cases[3]!, p.plan.columns[1]!);
    expect(isolated.timeline).toEqual([
      { atMs: 30000, action: "partition", id: "explorer-fault", groups: [["box1"], ["box2", "box3"]], kind: "drop" },
      { atMs: 90000, action: "heal", id: "explorer-fault" },
    ]);
    expect(isolated.catalog).toBeUndefined();
    expect(isolated.expect).toEqual([]);
  });

  it("goes on after the heal until what the fault held back has arrived", () => {
    const net = shipped("a2a-three-boxes-master-isolated").network;
    // Retransmissions 204 ms after the stall, then every 208 ms doubling up to 120 s: the heal falls in one gap.
    expect(lateDeliveryMs(60_000, net)).toBe(53_248);
    expect(lateDeliveryMs(120_000, net)).toBe(106_496);
    expect(lateDeliveryMs(600_000, net)).toBe(120_000);
    // A short cut: a connect under way waits out its SYN back-off (1, 2, 4 s: the heal at 5 s falls in the 4 s one).
    expect(lateDeliveryMs(5_000, net)).toBe(4_000);
    const partition: SweepCase = { kind: "partition", rank: "1", groups: [["box1"], ["box2", "box3"]] };
    const crash: SweepCase = { kind: "crash", box: "box1" };
    const long = { ...DEFAULT_SETTINGS, durationMs: 600_000 };
    expect(settleAfterHealMs(partition, long, net)).toBe(130_000);
    // A reject cut refuses at once and holds nothing back; a crashed box drops what is sent to it either way.
    expect(settleAfterHealMs(partition, { ...long, kind: "reject" }, net)).toBe(60_000);
    expect(settleAfterHealMs(crash, { ...long, kind: "reject" }, net)).toBe(130_000);
    expect(settleAfterHealMs(partition, { ...DEFAULT_SETTINGS, durationMs: 10_000 }, net)).toBe(60_000);
  });
});
