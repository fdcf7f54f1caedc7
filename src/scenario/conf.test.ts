import { describe, expect, it } from "vitest";
import { allBoxes, effectiveRedisConfig, initialMaster, redisConf, scenarioConfs, sentinelConf } from "./conf";
import { type ScenarioInput, scenarioSchema } from "./schema";

const input: ScenarioInput = {
  format: "sentinel-lab/scenario",
  version: 1,
  id: "conf-test",
  title: "conf test",
  seed: 1,
  groups: [
    {
      name: "mymaster",
      sentinel: { quorum: 2, "down-after-milliseconds": 2000 },
      redis: { "min-replicas-to-write": 1 },
    },
    { name: "cache" },
  ],
  boxes: [
    {
      id: "B1",
      ip: "10.1.0.1",
      processes: [
        { kind: "redis", id: "M1", group: "mymaster" },
        { kind: "sentinel", id: "S1" },
      ],
    },
    {
      id: "B2",
      processes: [
        { kind: "redis", id: "R2", group: "mymaster", replicaof: "M1", port: 6380, config: { "replica-priority": 0 } },
        { kind: "redis", id: "K1", group: "cache" },
        { kind: "sentinel", id: "S2", port: 5000, monitors: ["cache"] },
      ],
    },
  ],
  timeline: [
    {
      atMs: 1000,
      action: "add-box",
      box: { id: "B3", processes: [{ kind: "redis", id: "R3", group: "mymaster", replicaof: "M1" }] },
    },
  ],
};
const scenario = scenarioSchema.parse(input);
const lines = (text: string) => text.trimEnd().split("\n");

describe("redisConf", () => {
  it("binds the box address and writes every replication option, group defaults under process overrides", () => {
    const m1 = lines(redisConf(scenario, "M1"));
    expect(m1).toContain("bind 10.1.0.1");
    expect(m1).toContain("port 6379");
    expect(m1).toContain("min-replicas-to-write 1");
    expect(m1).toContain("min-replicas-max-lag 10");
    expect(m1).toContain("replica-priority 100");
    expect(m1).toContain('save ""');
    expect(m1).toContain("repl-diskless-sync yes");
    expect(m1.some((l) => l.startsWith("replicaof"))).toBe(false);
    expect(m1.some((l) => l.startsWith("bind-source-addr"))).toBe(false);
  });

  it("points a replica at its master's address and port, defaulting box addresses to 10.0.0.(i+1)", () => {
    const r2 = lines(redisConf(scenario, "R2"));
    expect(r2).toContain("bind 10.0.0.2");
    expect(r2).toContain("port 6380");
    expect(r2).toContain("replica-priority 0");
    expect(r2).toContain("min-replicas-to-write 1");
    expect(r2).toContain("replicaof 10.1.0.1 6379");
    expect(effectiveRedisConfig(scenario, "K1")["min-replicas-to-write"]).toBe(0);
  });

  it("uses the given addresses, files and bind-source-addr", () => {
    const text = redisConf(scenario, "R2", {
      address: (_b, i) => `127.0.1.${i + 1}`,
      files: (id) => ({ dir: `/w/${id}`, logfile: `/w/${id}/${id}.log` }),
      bindSourceAddr: true,
    });
    expect(lines(text)).toEqual(
      expect.arrayContaining([
        "bind 127.0.1.2",
        "bind-source-addr 127.0.1.2",
        "dir /w/R2",
        "logfile /w/R2/R2.log",
        "replicaof 127.0.1.1 6379",
      ]),
    );
  });

  it("covers boxes added by the timeline", () => {
    expect(allBoxes(scenario).map((b) => [b.box.id, b.index, b.initial])).toEqual([
      ["B1", 0, true],
      ["B2", 1, true],
      ["B3", 2, false],
    ]);
    expect(lines(redisConf(scenario, "R3"))).toContain("bind 10.0.0.3");
  });

  it("rejects ids that are not Redis processes", () => {
    expect(() => redisConf(scenario, "S1")).toThrow(/not a Redis/);
  });
});

describe("sentinelConf", () => {
  it("monitors every group by default, with its initial master and timers", () => {
    const s1 = lines(sentinelConf(scenario, "S1"));
    expect(s1).toContain("bind 10.1.0.1");
    expect(s1).toContain("port 26379");
    expect(s1).toContain("sentinel announce-ip 10.1.0.1");
    expect(s1).toContain("sentinel monitor mymaster 10.1.0.1 6379 2");
    expect(s1).toContain("sentinel down-after-milliseconds mymaster 2000");
    expect(s1).toContain("sentinel failover-timeout mymaster 60000");
    expect(s1).toContain("sentinel parallel-syncs mymaster 1");
    expect(s1).toContain("sentinel monitor cache 10.0.0.2 6379 2");
    expect(s1).toContain("sentinel down-after-milliseconds cache 5000");
    // `sentinel monitor` must come before the group's other options.
    expect(s1.indexOf("sentinel monitor mymaster 10.1.0.1 6379 2")).toBeLessThan(
      s1.indexOf("sentinel down-after-milliseconds mymaster 2000"),
    );
  });

  it("honours `monitors`, the port and a fixed myid", () => {
    const s2 = lines(sentinelConf(scenario, "S2", { sentinelMyid: () => "a".repeat(40) }));
    expect(s2).toContain("port 5000");
    expect(s2).toContain(`sentinel myid ${"a".repeat(40)}`);
    expect(s2.some((l) => l.includes("mymaster"))).toBe(false);
    expect(s2).toContain("sentinel monitor cache 10.0.0.2 6379 2");
    expect(() => sentinelConf(scenario, "S2", { sentinelMyid: () => "xyz" })).toThrow(/40 hex/);
  });

  it("lists one file per Redis and Sentinel", () => {
    expect(scenarioConfs(scenario).map((f) => f.fileName)).toEqual([
      "redis-M1.conf",
      "sentinel-S1.conf",
      "redis-R2.conf",
      "redis-K1.conf",
      "sentinel-S2.conf",
      "redis-R3.conf",
    ]);
    expect(initialMaster(scenario, "cache").id).toBe("K1");
  });
});
