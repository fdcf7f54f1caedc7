import { describe, expect, it } from "vitest";
import type { RedisOverrides, ScenarioInput } from "../scenario/schema";
import { validateScenario } from "../scenario/validate";
import { boxes, shipped } from "../sweep/testScenarios";
import { startWorld } from "./simulate";
import type { World } from "./world";

// A full sync as Redis 7.0's replication.c runs it: when the master forks (syncCommand, replicationCron's
// replicationStartPendingFork), what the replica hears meanwhile, and what the sync leaves on disk.

/** Example 2's boxes booting together with no faults: both replicas full-sync from M1 at t ≈ 0. */
function coldStart(redis: RedisOverrides, seed: number): World {
  const example2 = shipped("a2a-three-boxes-master-isolated");
  const groups = example2.groups.map((g) => ({ ...g, redis }));
  return startWorld({ ...example2, start: "cold", timeline: [], groups }, seed);
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe("a replica waiting for its full sync", () => {
  // replicationCron writes a newline to replicas in WAIT_BGSAVE_START, and the replica counts it as
  // repl_transfer_lastio, so a diskless delay longer than repl-timeout does not time the handshake out.
  it("hears a newline every second, so a diskless delay longer than repl-timeout times nothing out", () => {
    for (const seed of SEEDS) {
      const w = coldStart({ "repl-timeout": 3, "repl-diskless-sync-delay": 5 }, seed);
      w.sim.run(10_000, 1e9);
      const names = w.rec.events.filter((e) => e.process !== "M1" && e.tMs < 10_000).map((e) => e.name);
      expect(names, `seed ${seed}`).not.toContain("master-timeout");
      expect(w.redis.get("R2")!.replState, `seed ${seed}`).toBe("connected");
      expect(w.redis.get("R3")!.replState, `seed ${seed}`).toBe("connected");
    }
  });
});

describe("a replica whose master delays the diskless fork", () => {
  // syncCommand answers +FULLRESYNC only when the fork starts (replicationSetupSlaveForFullResync), so during
  // the delay the replica still waits for the PSYNC reply, a handshake state: master_sync_in_progress:0, and
  // a link lost then is retried by replicationCron, where a lost transfer reconnects at once.
  it("is still in the handshake, and retries a lost link at its next replicationCron", () => {
    for (const seed of SEEDS) {
      const w = coldStart({ "repl-diskless-sync-delay": 5 }, seed);
      const m1 = w.redis.get("M1")!;
      const r2 = w.redis.get("R2")!;
      w.sim.run(2_500, 1e9);
      expect(r2.replState, `seed ${seed}`).toBe("connecting");
      const conn = [...m1.replicas.keys()].find((c) => c.a === r2)!;
      conn.closeFrom(m1, false);
      w.sim.run(2_520, 1e9);
      expect(r2.replState, `seed ${seed}`).toBe("connect");
      w.sim.run(3_520, 1e9);
      const again = w.rec.events.filter((e) => e.name === "psync-full" && e.text.startsWith("replica R2:"));
      expect(again.at(-1)!.tMs, `seed ${seed}`).toBeGreaterThan(2_520);
      w.sim.run(10_000, 1e9);
      expect(r2.replState, `seed ${seed}`).toBe("connected");
    }
  });
});

describe("a diskless sync with repl-diskless-sync-delay 0", () => {
  // syncCommand starts the BGSAVE itself when there is no delay to wait; replicationCron only picks up replicas
  // that arrived while a child was running.
  it("forks when the PSYNC arrives, not at the next replicationCron", () => {
    for (const seed of SEEDS) {
      const w = coldStart({ "repl-diskless-sync-delay": 0 }, seed);
      w.sim.run(2_000, 1e9);
      for (const id of ["R2", "R3"]) {
        const asked = w.rec.events.find((e) => e.name === "psync-full" && e.text.startsWith(`replica ${id}:`))!;
        const up = w.rec.events.find((e) => e.name === "master-link-up" && e.process === id)!;
        expect(up.tMs - asked.tMs, `${id}, seed ${seed}`).toBeLessThan(10);
      }
    }
  });
});

describe("a master that synced a replica from disk", () => {
  // startBgsaveForReplication saves dump.rdb with its replication ID and offset (rdbPopulateSaveInfo), and
  // loadDataFromDisk reads it at start even with no save rule: the data, and the old ID as replid2.
  it("loads the dump.rdb of that sync when it restarts without persistence", () => {
    const example2 = shipped("a2a-three-boxes-master-isolated");
    const timeline = [
      // R2 takes a new history, so its return to M1 is a full sync, which M1 serves from disk.
      { atMs: 10_000, action: "replicaof" as const, target: "R2", master: null },
      { atMs: 12_000, action: "replicaof" as const, target: "R2", master: "M1" },
      { atMs: 20_000, action: "crash" as const, target: "M1" },
      { atMs: 20_500, action: "restart" as const, target: "M1" },
    ];
    const groups = example2.groups.map((g) => ({ ...g, redis: { "repl-diskless-sync": "no" as const } }));
    const w = startWorld({ ...example2, timeline, groups }, example2.seed);
    const m1 = w.redis.get("M1")!;
    // A disk-based sync forks as the PSYNC arrives: what M1 holds then is what the file holds.
    const forked = () => w.rec.events.some((e) => e.name === "psync-full" && e.tMs >= 12_000);
    for (let t = 12_000; !forked(); t++) w.sim.run(t, 1e9);
    const synced = { replid: m1.replid, offset: m1.offset, head: m1.head };
    expect(synced.offset).toBeGreaterThan(0);
    w.sim.run(19_999, 1e9);
    expect(m1.offset).toBeGreaterThan(synced.offset);
    w.sim.run(20_501, 1e9);
    expect(m1.alive).toBe(true);
    expect(m1.head).toBe(synced.head);
    expect(m1.offset).toBe(synced.offset);
    expect(m1.replid2).toBe(synced.replid);
    expect(m1.secondReplidOffset).toBe(synced.offset + 1);
  });
});

/** r1 master of r2 and r3, no Sentinels, a client writing to r1; every box saves RDB snapshots. */
function snapshottingBoxes(timeline: ScenarioInput["timeline"]): World {
  const base = boxes(3, false);
  const app = {
    id: "app",
    processes: [{ kind: "client" as const, id: "c1", group: "g", target: { via: "fixed" as const, redis: "r1" } }],
  };
  const v = validateScenario({
    ...base,
    groups: [{ name: "g", redis: { save: "3600 1" } }],
    boxes: [...base.boxes, app],
    timeline,
  });
  if (!v.ok) throw new Error(v.problems.join("; "));
  return startWorld(v.scenario, v.scenario.seed);
}

/** How `server` answered the PSYNCs of `replica` from `sinceMs` on. */
function psyncAnswers(w: World, server: string, replica: string, sinceMs: number): string[] {
  return w.rec.events
    .filter((e) => e.tMs >= sinceMs && e.process === server && e.text.startsWith(`replica ${replica}`))
    .filter((e) => e.name === "psync-full" || e.name === "psync-continue")
    .map((e) => e.name);
}

describe("a replica restarted from its RDB", () => {
  // loadDataFromDisk restores a replica's ID and offset as its cached master but creates a backlog only for a
  // master; the replica's backlog starts at its next sync (slaveTryPartialResynchronization, readSyncBulkPayload).
  it("promoted before it syncs again, has no backlog: its first replica full-resyncs (syncCommand)", () => {
    const w = snapshottingBoxes([
      { atMs: 10_000, action: "crash", target: "r1" },
      { atMs: 11_000, action: "crash", target: "r2" },
      { atMs: 11_500, action: "restart", target: "r2" },
      { atMs: 12_000, action: "replicaof", target: "r2", master: null },
      { atMs: 13_000, action: "replicaof", target: "r3", master: "r2" },
    ]);
    w.sim.run(12_500, 1e9);
    const r2 = w.redis.get("r2")!;
    const r3 = w.redis.get("r3")!;
    // Same history, same offset: without the restart, r3 would continue.
    expect(r2.replid2).toBe(r3.replid);
    expect(r3.offset).toBe(r2.offset);
    w.sim.run(20_000, 1e9);
    expect(psyncAnswers(w, "r2", "r3", 0)).toEqual(["psync-full"]);
    expect(r3.replState).toBe("connected");
  });

  it("continues with its master, and keeps a backlog only from the offset it restarted at", () => {
    const w = snapshottingBoxes([
      { atMs: 10_000, action: "crash", target: "r3" },
      { atMs: 15_000, action: "crash", target: "r2" },
      { atMs: 15_500, action: "restart", target: "r2" },
      { atMs: 20_000, action: "crash", target: "r1" },
      { atMs: 21_000, action: "replicaof", target: "r2", master: null },
      { atMs: 22_000, action: "restart", target: "r3" },
      { atMs: 23_000, action: "replicaof", target: "r3", master: "r2" },
    ]);
    const r2 = w.redis.get("r2")!;
    const r3 = w.redis.get("r3")!;
    w.sim.run(15_500, 1e9);
    const restartedAt = r2.offset;
    w.sim.run(22_500, 1e9);
    expect(psyncAnswers(w, "r1", "r2", 15_500)).toEqual(["psync-continue"]);
    // The writes it missed while down came after +CONTINUE: they are in the backlog.
    expect(r2.backlogFloor).toBe(restartedAt);
    // r3 asks for history r2 had before its restart, under the ID r2 now holds as replid2.
    expect(r2.replid2).toBe(r3.replid);
    expect(r3.offset).toBeLessThan(restartedAt);
    w.sim.run(30_000, 1e9);
    expect(psyncAnswers(w, "r2", "r3", 0)).toEqual(["psync-full"]);
    expect(r3.replState).toBe("connected");
  });
});
