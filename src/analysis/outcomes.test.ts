import { describe, expect, it } from "vitest";
import type { Op, RedisSnap, Trace } from "../model/trace";
import type { Scenario } from "../scenario/schema";
import { verdictOverSeeds } from "./expectations";
import { lossWindows, lostWrites } from "./lostWrites";
import { clientWrites, splitBrains } from "./outcomes";
import { stateAt } from "./stateAt";

const snap = (tMs: number, role: "master" | "replica", accepting: boolean): RedisSnap => ({
  tMs,
  alive: true,
  paused: false,
  role,
  master: null,
  linkUp: role === "replica",
  replid: "r",
  offset: 0,
  accepting,
  goodReplicas: 0,
  loading: false,
});

function trace(history: Op[], finalValues: string[]): Trace {
  return {
    scenarioId: "t",
    seed: 1,
    endMs: 100_000,
    endReason: "duration",
    eventsProcessed: 0,
    processes: [
      { id: "M1", kind: "redis", box: "b1", ip: "10.0.0.1", port: 6379, group: "g", bornMs: 0 },
      { id: "R2", kind: "redis", box: "b2", ip: "10.0.0.2", port: 6379, group: "g", bornMs: 0 },
      { id: "C1", kind: "client", box: "b1", ip: "10.0.0.1", port: 0, group: "g", bornMs: 0 },
    ],
    events: [],
    history,
    actions: [],
    timelines: {
      redis: {
        M1: [snap(0, "master", true), snap(60_000, "replica", false)],
        R2: [snap(0, "replica", false), snap(40_000, "master", true)],
      },
      sentinel: {},
      client: {},
      net: [],
    },
    groups: [{ group: "g", finalMaster: "R2", finalValues }],
  };
}

const ok = (index: number, value: string, t: number, node: string): Op => ({
  index,
  type: "ok",
  f: "write",
  value,
  process: "C1",
  timeMs: t,
  node,
});

describe("outcomes", () => {
  const history: Op[] = [
    { index: 0, type: "invoke", f: "write", value: "a", process: "C1", timeMs: 10_000 },
    ok(1, "a", 10_001, "M1"),
    { index: 2, type: "invoke", f: "write", value: "b", process: "C1", timeMs: 45_000 },
    ok(3, "b", 45_001, "M1"),
    { index: 4, type: "invoke", f: "write", value: "c", process: "C1", timeMs: 50_000 },
    ok(5, "c", 50_001, "M1"),
    { index: 6, type: "invoke", f: "write", value: "d", process: "C1", timeMs: 70_000 },
    { index: 7, type: "fail", f: "write", value: "d", process: "C1", timeMs: 70_001, node: "M1", error: "READONLY" },
  ];
  const t = trace(history, ["a"]);

  it("finds the writes acknowledged by the old master that the final master lacks", () => {
    const lost = lostWrites(history, ["a"]);
    expect(lost.map((l) => l.value)).toEqual(["b", "c"]);
    expect(lossWindows(lost)).toEqual([{ process: "C1", node: "M1", fromMs: 45_001, toMs: 50_001, count: 2 }]);
  });

  it("measures split brain as the overlap of two accepting masters, with the writes each acknowledged", () => {
    const sb = splitBrains(t, "g");
    expect(sb).toHaveLength(1);
    expect(sb[0]).toMatchObject({ fromMs: 40_000, toMs: 60_000, acked: { M1: 2 } });
  });

  it("counts each client's writes by outcome", () => {
    const [c] = clientWrites(t);
    expect(c).toMatchObject({
      acked: 3,
      lost: 2,
      unknown: 0,
      failed: { READONLY: 1 },
      firstRefusalMs: { READONLY: 70_001 },
    });
  });

  it("answers stateAt by the last snapshot at or before t", () => {
    expect(stateAt(t, 39_999).redis.R2?.role).toBe("replica");
    expect(stateAt(t, 40_000).redis.R2?.role).toBe("master");
  });
});

describe("verdicts over seeds", () => {
  const scenario = {
    expect: [
      { kind: "event", name: "+odown", occurs: true },
      { kind: "event", name: "+switch-master", occurs: true, share: { min: 0.2, max: 0.6 } },
    ],
  } as unknown as Scenario;
  const run = (seed: number, a: boolean, b: boolean) => ({
    seed,
    results: [
      { index: 0, label: "", pass: a, actual: "", sometimes: false },
      { index: 1, label: "", pass: b, actual: "", sometimes: true },
    ],
  });

  it("requires all seeds unless a share is stated, and then the share", () => {
    const v = verdictOverSeeds(scenario, [
      run(1, true, true),
      run(2, true, false),
      run(3, true, false),
      run(4, true, false),
    ]);
    expect(v.map((x) => x.pass)).toEqual([true, true]);
    const w = verdictOverSeeds(scenario, [run(1, true, true), run(2, false, true), run(3, true, true)]);
    expect(w.map((x) => x.pass)).toEqual([false, false]);
    expect(w[0]!.failingSeeds).toEqual([2]);
  });
});
