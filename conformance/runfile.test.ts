import { describe, expect, it } from "vitest";
import type { RealTrace } from "./harness";
import { decodeRun, encodeRun } from "./runfile";

function run(): RealTrace {
  return {
    scenarioId: "x",
    seed: 0,
    endMs: 1000,
    endReason: "duration",
    eventsProcessed: 1,
    processes: [{ id: "M1", kind: "redis", box: "b1", ip: "127.0.1.1", port: 6379, group: "g", bornMs: 0 }],
    events: [{ tMs: 5, process: "S1", name: "+sdown", level: "W", text: "master g 127.0.1.1 6379" }],
    history: [
      { index: 0, type: "invoke", f: "write", value: "C1-1", process: "C1", timeMs: 0 },
      { index: 1, type: "ok", f: "write", value: "C1-1", process: "C1", timeMs: 3, node: "M1" },
      { index: 2, type: "invoke", f: "write", value: "C1-x", process: "C1", timeMs: 100 },
      { index: 3, type: "fail", f: "write", value: "C1-x", process: "C1", timeMs: 101, error: "NOREPLICAS" },
      { index: 4, type: "invoke", f: "write", value: "C1-007", process: "C1", timeMs: 200 },
      { index: 5, type: "info", f: "write", value: "C1-007", process: "C1", timeMs: 1200, error: "TIMEOUT" },
    ],
    actions: [{ tMs: 10, index: 0, action: "heal", summary: "heal all" }],
    timelines: { redis: {}, sentinel: {}, client: {}, net: [{ tMs: 0, cuts: [], downBoxes: [] }] },
    groups: [{ group: "g", finalMaster: "M1", finalValues: ["C1-1"] }],
    real: {
      redisVersion: "7.0.15",
      runAt: "2026-01-01T00:00:00.000Z",
      harness: {
        run: 1,
        namespace: "slab-1",
        t0Epoch: 1,
        warmupMs: 1,
        addresses: {},
        vips: [],
        timers: { "down-after-milliseconds": 2000, "failover-timeout": 6000 },
        durationMs: 1000,
        workDir: "/w",
        logs: {},
        notes: [],
      },
    },
  } as RealTrace;
}

describe("run files", () => {
  it("store the history as compact rows and give the Trace back unchanged", () => {
    const t = run();
    const text = encodeRun(t);
    expect(text).toContain('[0,"C1","invoke",1,null,null]');
    expect(text).toContain('[101,"C1","fail","C1-x",null,"NOREPLICAS"]');
    // a value whose number does not print back the same way is kept as a string
    expect(text).toContain('"C1-007"');
    expect(decodeRun(text)).toEqual(t);
  });

  it("load the older files that kept the history as objects", () => {
    const t = run();
    expect(decodeRun(JSON.stringify(t))).toEqual(t);
  });
});
