import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../src/scenario/validate";
import {
  activeCuts,
  applyToNet,
  assertLoopback,
  boxAddress,
  emptyNet,
  filterRestore,
  filterRules,
  natRestore,
  partitionCuts,
} from "./network";
import { buildPlan, formatPlan } from "./plan";
import {
  CONFORMANCE_TIMERS,
  compressTime,
  conformanceVariant,
  runsFsyncMs,
  shortFaults,
  variantWarnings,
} from "./variant";

function fixture() {
  const v = parseScenarioText(readFileSync(join(import.meta.dirname, "fixtures", "a2a-conformance.json"), "utf8"));
  if (!v.ok) throw new Error(v.problems.join("\n"));
  return v.scenario;
}

const addr = (b: string) => ({ B1: "127.0.1.1", B2: "127.0.1.2", B3: "127.0.1.3" })[b]!;

describe("addresses", () => {
  it("maps boxes into 127.0.1.0/24 and refuses anything outside 127/8", () => {
    expect(boxAddress(0)).toBe("127.0.1.1");
    expect(boxAddress(253)).toBe("127.0.1.254");
    expect(() => boxAddress(254)).toThrow();
    expect(assertLoopback("127.0.0.1")).toBe("127.0.0.1");
    for (const bad of ["10.0.0.1", "192.168.1.1", "128.0.0.1", "127.0.0.300", "localhost", ""])
      expect(() => assertLoopback(bad)).toThrow(/refusing/);
    expect(() =>
      filterRules([{ from: "B1", to: "X", kind: "drop" }], (b) => (b === "X" ? "10.0.0.9" : "127.0.1.1")),
    ).toThrow(/refusing/);
  });
});

describe("partitions as iptables rules", () => {
  it("cuts every pair across groups, both ways, unlisted boxes forming one more group", () => {
    const cuts = partitionCuts(["B1", "B2", "B3"], [["B1"]], "drop");
    expect(cuts.map((c) => `${c.from}>${c.to}`).sort()).toEqual(["B1>B2", "B1>B3", "B2>B1", "B3>B1"]);
  });

  it("drop is DROP; reject is a TCP reset plus ICMP for the rest, letting resets through", () => {
    expect(filterRules([{ from: "B1", to: "B2", kind: "drop" }], addr)).toEqual([
      "-A SLAB -s 127.0.1.1/32 -d 127.0.1.2/32 -j DROP",
    ]);
    expect(filterRules([{ from: "B1", to: "B2", kind: "reject" }], addr)).toEqual([
      "-A SLAB -s 127.0.1.1/32 -d 127.0.1.2/32 -p tcp --tcp-flags RST RST -j ACCEPT",
      "-A SLAB -s 127.0.1.1/32 -d 127.0.1.2/32 -p tcp -j REJECT --reject-with tcp-reset",
      "-A SLAB -s 127.0.1.1/32 -d 127.0.1.2/32 -j REJECT --reject-with icmp-port-unreachable",
    ]);
  });

  it("a one-way cut matches one direction only", () => {
    const net = applyToNet(emptyNet, { atMs: 0, action: "cut", from: "B1", to: "B2", kind: "drop" }, 0, ["B1", "B2"]);
    expect(activeCuts(net, ["B1", "B2"])).toEqual([{ from: "B1", to: "B2", kind: "drop" }]);
  });

  it("heal by id removes one fault; heal without id removes every partition and cut, not crashed boxes", () => {
    const ids = ["B1", "B2", "B3"];
    let net = applyToNet(emptyNet, { atMs: 0, action: "partition", id: "p", groups: [["B1"]], kind: "drop" }, 0, ids);
    net = applyToNet(net, { atMs: 0, action: "cut", from: "B2", to: "B3", kind: "reject" }, 1, ids);
    net = applyToNet(net, { atMs: 0, action: "crash", target: "B3" }, 2, ids);
    // B1 cut off both ways, B2→B3 refused, B3 gone: six directed pairs, each once.
    expect(activeCuts(net, ids).length).toBe(6);
    const healedP = applyToNet(net, { atMs: 0, action: "heal", id: "p" }, 3, ids);
    expect(activeCuts(healedP, ids).some((c) => c.from === "B1" && c.to === "B2")).toBe(false);
    const healedAll = applyToNet(net, { atMs: 0, action: "heal" }, 3, ids);
    expect(activeCuts(healedAll, ids).map((c) => `${c.from}>${c.to}`)).toEqual(["B1>B3", "B2>B3", "B3>B1", "B3>B2"]);
    const restarted = applyToNet(healedAll, { atMs: 0, action: "restart", target: "B3" }, 4, ids);
    expect(activeCuts(restarted, ids)).toEqual([]);
  });

  it("drop wins when two faults cut the same pair differently", () => {
    const ids = ["B1", "B2"];
    let net = applyToNet(emptyNet, { atMs: 0, action: "cut", from: "B1", to: "B2", kind: "reject" }, 0, ids);
    net = applyToNet(net, { atMs: 0, action: "partition", groups: [["B1"]], kind: "drop" }, 1, ids);
    expect(activeCuts(net, ids).find((c) => c.from === "B1")?.kind).toBe("drop");
  });

  it("writes atomic iptables-restore input for the filter and nat chains", () => {
    expect(filterRestore([], addr)).toBe("*filter\n:SLAB - [0:0]\nCOMMIT\n");
    expect(
      natRestore([{ vip: "v", vipAddress: "127.0.2.1", vipPort: 6379, toIp: "127.0.1.2", toPort: 6380 }]),
    ).toContain("-A SLABVIP -d 127.0.2.1/32 -p tcp --dport 6379 -j DNAT --to-destination 127.0.1.2:6380");
  });
});

describe("conformanceVariant", () => {
  it("sets the short timers on every group and keeps the timeline", () => {
    const s = fixture();
    const v = conformanceVariant({ ...s, groups: [{ name: "mymaster", sentinel: { quorum: 2 } }] });
    expect(v.groups[0]!.sentinel).toEqual({ quorum: 2, ...CONFORMANCE_TIMERS });
    expect(v.timeline).toEqual(s.timeline);
  });

  it("cuts the run to the last action + 30 s (at least 20 s), never beyond the original", () => {
    const s = fixture();
    expect(conformanceVariant({ ...s, durationMs: 120_000 }).durationMs).toBe(65_000);
    expect(conformanceVariant({ ...s, durationMs: 50_000 }).durationMs).toBe(50_000);
    expect(conformanceVariant({ ...s, timeline: [], durationMs: 120_000 }).durationMs).toBe(30_000);
    expect(conformanceVariant({ ...s, timeline: [], durationMs: 10_000 }).durationMs).toBe(10_000);
  });

  it("warns about a fault shorter than the scenario's down-after but not the conformance one", () => {
    const s = fixture();
    const short = {
      ...s,
      groups: [{ name: "mymaster", sentinel: { "down-after-milliseconds": 5000 } }],
      timeline: [
        { atMs: 10_000, action: "partition" as const, id: "p1", groups: [["B1"]], kind: "drop" as const },
        { atMs: 13_000, action: "heal" as const, id: "p1" },
      ],
    };
    expect(variantWarnings(short).join("\n")).toMatch(/lasts 3000 ms.*scaled to 1200 ms/);
  });

  it("scales a fault shorter than the scenario's down-after so it stays shorter than 2000 ms (C13)", () => {
    const s = fixture();
    const c13 = {
      ...s,
      durationMs: 80_000,
      groups: [{ name: "mymaster", sentinel: { "down-after-milliseconds": 5000 } }],
      timeline: [
        { atMs: 30_000, action: "partition" as const, id: "blip", groups: [["B1"]], kind: "reject" as const },
        { atMs: 32_000, action: "heal" as const, id: "blip" },
        { atMs: 40_000, action: "pause" as const, target: "M1" },
        { atMs: 41_000, action: "resume" as const, target: "M1" },
        { atMs: 50_000, action: "crash" as const, target: "B2" },
        { atMs: 60_000, action: "restart" as const, target: "B2" },
      ],
    };
    const v = conformanceVariant(c13);
    // 30 s → 10 s; the 2 s cut becomes 800 ms, the 1 s pause 400 ms; the 10 s crash is not short: unchanged.
    expect(v.timeline.map((a) => a.atMs)).toEqual([10_000, 10_800, 20_000, 20_400, 30_000, 40_000]);
    expect(v.durationMs).toBe(60_000);
    expect(shortFaults(c13).map((x) => [x.recovery, x.lenMs, x.scaledMs])).toEqual([
      [1, 2000, 800],
      [3, 1000, 400],
    ]);
    // Under a down-after of 2000 ms or less nothing is scaled.
    expect(
      shortFaults({ ...c13, groups: [{ name: "mymaster", sentinel: { "down-after-milliseconds": 2000 } }] }),
    ).toEqual([]);
  });
});

describe("plan", () => {
  it("puts every process on its box address inside the namespace, and prints a dry-run plan", () => {
    const s = conformanceVariant(fixture());
    const plan = buildPlan(s, { ns: "slab-1", workDir: "/w" });
    expect(plan.boxes.map((b) => b.ip)).toEqual(["127.0.1.1", "127.0.1.2", "127.0.1.3"]);
    const m1 = plan.processes.find((p) => p.id === "M1")!;
    expect(m1.conf).toContain("bind 127.0.1.1");
    expect(m1.conf).toContain("bind-source-addr 127.0.1.1");
    const s2 = plan.processes.find((p) => p.id === "S2")!;
    expect(s2.conf).toContain("sentinel announce-ip 127.0.1.2");
    expect(s2.conf).toContain("sentinel monitor mymaster 127.0.1.1 6379 2");
    expect(s2.conf).toContain("sentinel down-after-milliseconds mymaster 2000");
    expect(s2.conf).toContain("sentinel failover-timeout mymaster 6000");
    expect(plan.steps[0]!.cuts.length).toBe(4);
    expect(plan.steps[1]!.cuts).toEqual([]);
    const text = formatPlan(plan, s);
    expect(text).toContain("ip netns exec slab-1 redis-server /w/M1/redis.conf");
    expect(text).toContain("-A SLAB -s 127.0.1.1/32 -d 127.0.1.2/32 -j DROP");
    for (const ip of text.match(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g) ?? [])
      expect(ip.startsWith("127.")).toBe(true);
  });
});

describe("conformanceVariant time cuts", () => {
  it("moves the first action to 10 s and shrinks long quiet stretches to 25 s", () => {
    const s = fixture();
    const long = {
      ...s,
      durationMs: 150_000,
      timeline: [
        { atMs: 30_000, action: "partition" as const, id: "p1", groups: [["B1"]], kind: "drop" as const },
        { atMs: 100_000, action: "heal" as const, id: "p1" },
      ],
    };
    const v = conformanceVariant(long);
    expect(v.timeline.map((a) => a.atMs)).toEqual([10_000, 35_000]);
    expect(v.durationMs).toBe(65_000);
    expect(variantWarnings(long).join("\n")).toMatch(/quiet time 0.0–20.0 s.*\n.*quiet time 55.0–100.0 s/);
  });

  it("maps times inside a removed stretch to its start, and leaves short timelines alone", () => {
    const cut: [number, number][] = [
      [0, 20_000],
      [55_000, 100_000],
    ];
    expect(compressTime(cut, 5_000)).toBe(0);
    expect(compressTime(cut, 30_000)).toBe(10_000);
    expect(compressTime(cut, 70_000)).toBe(35_000);
    expect(compressTime(cut, 110_000)).toBe(45_000);
    const s = fixture();
    expect(conformanceVariant(s).timeline).toEqual(s.timeline);
  });
});

describe("the model's sentinel.conf rewrite time", () => {
  it("is the real runs' median, and is left alone without one", () => {
    const s = fixture();
    const runs = [4, 9, 6, null].map((x) => ({ real: { harness: { sentinelFlushMs: x } } }));
    expect(runsFsyncMs(runs)).toBe(6);
    expect(runsFsyncMs([])).toBeNull();
    expect(conformanceVariant(s, { configFsyncMs: 6 }).network.configFsyncMs).toBe(6);
    expect(conformanceVariant(s, { configFsyncMs: null }).network).toEqual(conformanceVariant(s).network);
  });
});
