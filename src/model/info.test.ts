import { describe, expect, it } from "vitest";
import { shipped } from "../sweep/testScenarios";
import { refreshInstanceInfo } from "./sentinel/info";
import { startWorld } from "./simulate";
import type { World } from "./world";

// INFO as Redis 7.0 writes it (genRedisInfoString) and as Sentinel reads it (sentinelRefreshInstanceInfo).

function example2AtCrash(crashAtMs: number): World {
  const example2 = shipped("a2a-three-boxes-master-isolated");
  const s = { ...example2, timeline: [{ atMs: crashAtMs, action: "crash" as const, target: "M1" }] };
  return startWorld(s, s.seed);
}

describe("master_link_down_since_seconds", () => {
  // server.unixtime - server.repl_down_since: whole seconds of the process's clock, not elapsed time rounded down.
  // It decides whether Sentinel polls a replica every second.
  it("counts whole seconds of the clock, so a link lost at x.7 s reads 1 at x+1.2 s", () => {
    const w = example2AtCrash(30_700);
    const r2 = w.redis.get("R2")!;
    w.sim.run(30_900, 1e9);
    expect(r2.info().masterLinkUp).toBe(false);
    expect(r2.info().masterLinkDownSinceS).toBe(0);
    w.sim.run(31_200, 1e9);
    expect(r2.info().masterLinkDownSinceS).toBe(1);
    w.sim.run(33_650, 1e9);
    expect(r2.info().masterLinkDownSinceS).toBe(3);
  });
});

describe("Sentinel reading a master's INFO", () => {
  it("writes sentinel.conf once per new replica it finds, each an fsync that holds its event loop", () => {
    const w = example2AtCrash(60_000);
    w.sim.run(20_000, 1e9);
    const s1 = w.sentinels.get("S1")!;
    const m = s1.masters.get("mymaster")!;
    const info = w.redis.get("M1")!.info();
    const replica = { ...info.replicas[0]!, offset: info.masterReplOffset, lagS: 0 };
    s1.endEvent();
    refreshInstanceInfo(s1, m, {
      ...info,
      replicas: [...info.replicas, { ...replica, ip: "10.0.0.8" }, { ...replica, ip: "10.0.0.9" }],
    });
    expect([...m.replicas.keys()]).toEqual(expect.arrayContaining(["10.0.0.8:6379", "10.0.0.9:6379"]));
    expect(s1.endEvent()).toBe(2 * w.scenario.network.configFsyncMs);
  });
});

describe("a replica's link to its master", () => {
  // replicationCron compares time(NULL) with whole-second stamps (lastinteraction, repl_transfer_lastio).
  it("times out when more than repl-timeout whole seconds of the clock have passed since the master was heard", () => {
    const w = example2AtCrash(600_000);
    w.sim.run(20_500, 1e9);
    const r2 = w.redis.get("R2")! as unknown as { replState: string; masterLastIoS: number; now(): number };
    const cron = () => (r2 as unknown as { replicationCron(): void }).replicationCron();
    const clockS = Math.floor(r2.now() / 1000);
    r2.masterLastIoS = clockS - 60;
    cron();
    expect(r2.replState).toBe("connected");
    r2.masterLastIoS = clockS - 61;
    cron();
    expect(r2.replState).not.toBe("connected");
  });

  it("makes a writable replica refuse writes with MASTERDOWN while it may not serve stale data", () => {
    const w = example2AtCrash(600_000);
    w.sim.run(20_500, 1e9);
    const r2 = w.redis.get("R2")!;
    r2.cfg["replica-read-only"] = "no";
    expect(r2.writeRefusal()).toBeNull();
    r2.cfg["replica-serve-stale-data"] = "no";
    expect(r2.writeRefusal()).toBeNull();
    r2.replState = "connect";
    expect(r2.writeRefusal()).toBe("MASTERDOWN");
    r2.cfg["replica-read-only"] = "yes";
    expect(r2.writeRefusal()).toBe("READONLY");
  });
});
