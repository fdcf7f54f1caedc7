import { describe, expect, it } from "vitest";
import type { Op, Trace, TraceEvent } from "../src/model/trace";
import { scenarioSchema } from "../src/scenario/schema";
import {
  type AddressBook,
  median,
  mergeSentinelLog,
  missedByPubsub,
  parseSentinelLog,
  sentinelEvent,
  sentinelFlushDurations,
} from "./events";
import { outcomes } from "./outcomes";

const scenario = scenarioSchema.parse({
  format: "sentinel-lab/scenario",
  version: 1,
  id: "o",
  title: "o",
  seed: 1,
  groups: [{ name: "mymaster" }],
  boxes: [
    {
      id: "B1",
      processes: [
        { kind: "redis", id: "M1", group: "mymaster" },
        { kind: "sentinel", id: "S1" },
        { kind: "client", id: "C1", group: "mymaster", target: { via: "sentinel", sentinels: ["S1"] } },
      ],
    },
    {
      id: "B2",
      processes: [
        { kind: "redis", id: "R2", group: "mymaster", replicaof: "M1" },
        { kind: "sentinel", id: "S2" },
      ],
    },
  ],
});

const ev = (tMs: number, process: string, name: string, text: string): TraceEvent => ({
  tMs,
  process,
  name,
  level: "W",
  text,
});

function op(index: number, type: Op["type"], value: string, timeMs: number, extra: Partial<Op> = {}): Op {
  return { index, type, f: "write", value, process: "C1", timeMs, ...extra };
}

function trace(): Trace {
  return {
    scenarioId: "o",
    seed: 0,
    endMs: 60_000,
    endReason: "duration",
    eventsProcessed: 0,
    processes: [
      { id: "M1", kind: "redis", box: "B1", ip: "127.0.1.1", port: 6379, group: "mymaster", bornMs: 0 },
      { id: "S1", kind: "sentinel", box: "B1", ip: "127.0.1.1", port: 26379, bornMs: 0 },
      { id: "C1", kind: "client", box: "B1", ip: "127.0.1.1", port: 0, group: "mymaster", bornMs: 0 },
      { id: "R2", kind: "redis", box: "B2", ip: "127.0.1.2", port: 6379, group: "mymaster", bornMs: 0 },
      { id: "S2", kind: "sentinel", box: "B2", ip: "127.0.1.2", port: 26379, bornMs: 0 },
    ],
    events: [
      ev(0, "S1", "+monitor", "master mymaster 127.0.1.1 6379 quorum 1"),
      ev(12_000, "S2", "+sdown", "master mymaster 127.0.1.1 6379"),
      ev(13_500, "S2", "+switch-master", "mymaster 127.0.1.1 6379 127.0.1.2 6379"),
      ev(14_000, "S2", "#note", "a model annotation"),
      ev(35_800, "S1", "+switch-master", "mymaster 127.0.1.1 6379 127.0.1.2 6379"),
      ev(45_000, "S1", "+convert-to-slave", "slave 127.0.1.1:6379 127.0.1.1 6379 @ mymaster 127.0.1.2 6379"),
      ev(46_000, "operator", "!heal", "heal"),
    ],
    history: [
      op(0, "invoke", "C1-1", 5000),
      op(1, "ok", "C1-1", 5001, { node: "M1" }),
      op(2, "invoke", "C1-2", 11_000),
      op(3, "ok", "C1-2", 11_001, { node: "M1" }),
      op(4, "invoke", "C1-3", 20_000),
      op(5, "fail", "C1-3", 20_001, { node: "M1", error: "NOREPLICAS" }),
      op(6, "invoke", "C1-4", 21_000),
      op(7, "info", "C1-4", 22_000, { node: "M1", error: "TIMEOUT" }),
      op(8, "invoke", "C1-5", 46_000),
      op(9, "fail", "C1-5", 46_001, { error: "READONLY" }),
      op(10, "invoke", "C1-6", 47_000),
      op(11, "ok", "C1-6", 47_001, { node: "R2" }),
    ],
    actions: [
      { tMs: 10_000, index: 0, action: "partition", summary: "" },
      { tMs: 35_000, index: 1, action: "heal", summary: "" },
    ],
    timelines: { redis: {}, sentinel: {}, client: {}, net: [] },
    groups: [{ group: "mymaster", finalMaster: "R2", finalValues: ["C1-1", "C1-6"] }],
  };
}

describe("outcomes", () => {
  it("extracts failover, timings, promoted replica and demotion after the heal", () => {
    const o = outcomes(trace(), scenario);
    expect(o.groups).toEqual([
      {
        group: "mymaster",
        failover: true,
        failovers: 1,
        firstFaultMs: 10_000,
        firstSwitchMs: 13_500,
        faultToSwitchMs: 3_500,
        promoted: "R2",
        finalMaster: "R2",
        healMs: 35_000,
        demotionAfterHealMs: 10_000,
      },
    ]);
  });

  it("counts each client's writes and lost writes with lostWrites()", () => {
    const [c] = outcomes(trace(), scenario).clients;
    expect(c).toEqual({
      client: "C1",
      group: "mymaster",
      acked: 3,
      refused: 2,
      refusedBy: { NOREPLICAS: 1, READONLY: 1 },
      unknown: 1,
      lost: 1,
      firstNoreplicasMs: 20_001,
      firstReadonlyMs: 46_001,
    });
  });

  it("lists Sentinel event names from the first action on, without annotations or other processes", () => {
    expect(outcomes(trace(), scenario).events).toEqual(["+convert-to-slave", "+sdown", "+switch-master"]);
  });

  it("times the demotion of the old master, not of another instance", () => {
    const t = trace();
    t.events.push(
      ev(40_000, "S1", "+convert-to-slave", "slave 127.0.1.2:6379 127.0.1.2 6379 @ mymaster 127.0.1.1 6379"),
    );
    expect(outcomes(t, scenario).groups[0]!.demotionAfterHealMs).toBe(10_000);
  });

  it("reports no failover when there is no switch", () => {
    const t = trace();
    t.events = t.events.filter((e) => e.name !== "+switch-master");
    const [g] = outcomes(t, scenario).groups;
    expect(g).toMatchObject({ failover: false, failovers: 0, faultToSwitchMs: null, promoted: null });
  });
});

describe("sentinelEvent", () => {
  const book: AddressBook = {
    byAddress: new Map([
      ["127.0.1.1:6379", "M1"],
      ["127.0.1.2:6379", "R2"],
      ["127.0.1.2:26379", "S2"],
    ]),
    byRunid: new Map([["aaaa", "S2"]]),
  };

  it("maps details, switch-master, epochs and votes to structured fields", () => {
    expect(sentinelEvent("S1", "+sdown", "master mymaster 127.0.1.1 6379", 5, book)).toEqual({
      tMs: 5,
      process: "S1",
      name: "+sdown",
      level: "W",
      text: "master mymaster 127.0.1.1 6379",
      group: "mymaster",
      subject: "M1",
    });
    expect(sentinelEvent("S1", "+switch-master", "mymaster 127.0.1.1 6379 127.0.1.2 6379", 5, book)).toMatchObject({
      group: "mymaster",
      subject: "R2",
    });
    expect(
      sentinelEvent("S1", "+slave", "slave 127.0.1.2:6379 127.0.1.2 6379 @ mymaster 127.0.1.1 6379", 5, book),
    ).toMatchObject({ group: "mymaster", subject: "R2", level: "N" });
    expect(
      sentinelEvent("S1", "+sdown", "sentinel aaaa 127.0.1.2 26379 @ mymaster 127.0.1.1 6379", 5, book),
    ).toMatchObject({ subject: "S2" });
    expect(sentinelEvent("S1", "+new-epoch", "3", 5, book)).toMatchObject({ epoch: 3 });
    expect(sentinelEvent("S1", "+vote-for-leader", "aaaa 3", 5, book)).toMatchObject({ subject: "S2", epoch: 3 });
    expect(sentinelEvent("S1", "+tilt", "#tilt mode entered", 5, book)).toEqual({
      tMs: 5,
      process: "S1",
      name: "+tilt",
      level: "W",
      text: "#tilt mode entered",
    });
  });
});

describe("Sentinel logs", () => {
  const log = [
    "123:X 25 Nov 2026 17:40:20.303 # Sentinel ID is 5a1d",
    "123:X 25 Nov 2026 17:40:20.303 # +monitor master mymaster 127.0.1.1 6379 quorum 2",
    "123:X 25 Nov 2026 17:40:22.297 * +slave slave 127.0.1.2:6379 127.0.1.2 6379 @ mymaster 127.0.1.1 6379",
    "123:X 25 Nov 2026 17:40:23.000 # +tilt #tilt mode entered",
  ].join("\n");

  it("reads event lines with their local time and level", () => {
    const l = parseSentinelLog(log);
    expect(l.map((e) => [e.name, e.level])).toEqual([
      ["+monitor", "W"],
      ["+slave", "N"],
      ["+tilt", "W"],
    ]);
    expect(l[0]!.at).toBe(new Date(2026, 10, 25, 17, 40, 20, 303).getTime());
    expect(l[2]!.text).toBe("#tilt mode entered");
  });

  it("retimes the pub/sub events by their log lines (published late after an fsync)", () => {
    const l = parseSentinelLog(log);
    const t0 = l[0]!.at - 1000;
    const book: AddressBook = { byAddress: new Map([["127.0.1.2:6379", "R2"]]), byRunid: new Map() };
    const late = sentinelEvent("S1", "+slave", l[1]!.text, 3000, book);
    const events = [late];
    const merged = mergeSentinelLog("S1", l, events, t0, book);
    expect(merged.retimed).toBe(1);
    expect(late.tMs).toBe(l[1]!.at - t0);
    expect(merged.missed.map((e) => e.name)).toEqual(["+monitor", "+tilt"]);
  });

  it("returns only the log events pub/sub missed", () => {
    const l = parseSentinelLog(log);
    const t0 = l[0]!.at - 1000;
    const book: AddressBook = { byAddress: new Map([["127.0.1.2:6379", "R2"]]), byRunid: new Map() };
    const pubsub = [sentinelEvent("S1", "+slave", l[1]!.text, 3000, book)];
    const missed = missedByPubsub("S1", l, pubsub, t0, book);
    expect(missed.map((e) => [e.name, e.tMs])).toEqual([
      ["+monitor", 1000],
      ["+tilt", 3697],
    ]);
  });
});

describe("sentinelFlushDurations", () => {
  it("measures a rewrite by the line logged just before it and the 'saved on disk' line", () => {
    const text = [
      "1:X 25 Nov 2026 18:06:47.428 # +try-failover master mymaster 127.0.1.1 6379",
      "1:X 25 Nov 2026 18:06:47.435 * Sentinel new configuration saved on disk",
      "1:X 25 Nov 2026 18:06:47.443 # +new-epoch 1",
      "1:X 25 Nov 2026 18:06:47.452 * Sentinel new configuration saved on disk",
      "1:X 25 Nov 2026 18:06:47.452 # +vote-for-leader abc 1",
      "1:X 25 Nov 2026 18:06:48.514 * +slave slave 127.0.1.3:6379 127.0.1.3 6379 @ mymaster 127.0.1.2 6379",
      "1:X 25 Nov 2026 18:06:48.517 * Sentinel new configuration saved on disk",
      "1:X 25 Nov 2026 18:06:50.000 * +sentinel sentinel x 127.0.1.9 26379 @ mymaster 127.0.1.2 6379",
      "1:X 25 Nov 2026 18:06:55.000 * Sentinel new configuration saved on disk",
    ].join("\n");
    // +try-failover is logged before other work, not just before the rewrite; a 5 s gap is not one rewrite.
    expect(sentinelFlushDurations(text)).toEqual([9, 3]);
    expect(median([9, 3, 5])).toBe(5);
    expect(median([])).toBeNull();
  });
});
