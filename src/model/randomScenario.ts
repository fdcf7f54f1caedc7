import fc from "fast-check";
import type { Action, ScenarioInput } from "../scenario/schema";

// Random topologies with random fault schedules, for the property tests (model.prop.test.ts) and the fast-path
// equivalence test (fastPaths.test.ts).

const kinds = ["redis", "sentinel", "client"] as const;

export const randomScenario = fc
  .record({
    boxes: fc.array(fc.subarray([...kinds], { minLength: 1 }), { minLength: 2, maxLength: 5 }),
    quorumPick: fc.nat(),
    downAfter: fc.constantFrom(1000, 2000, 5000),
    failoverTimeout: fc.constantFrom(3000, 6000, 20000),
    minReplicas: fc.constantFrom(0, 0, 1),
    latency: fc.constantFrom(0, 1, 5),
    seed: fc.nat(),
    faults: fc.array(
      fc.record({
        at: fc.integer({ min: 2000, max: 38000 }),
        kind: fc.constantFrom(
          "partition",
          "cut",
          "heal",
          "crash",
          "restart",
          "pause",
          "resume",
          "clock-jump",
          "replicaof",
          "sentinel-failover",
          "sentinel-reset",
          "config-set",
        ),
        a: fc.nat(),
        b: fc.nat(),
        reject: fc.boolean(),
      }),
      { maxLength: 7 },
    ),
  })
  .map((r) => buildScenario(r));

function buildScenario(r: {
  boxes: Array<Array<(typeof kinds)[number]>>;
  quorumPick: number;
  downAfter: number;
  failoverTimeout: number;
  minReplicas: number;
  latency: number;
  seed: number;
  faults: Array<{ at: number; kind: string; a: number; b: number; reject: boolean }>;
}): ScenarioInput {
  const boxes = r.boxes.map((ks, i) => ({ id: `b${i + 1}`, kinds: ks }));
  if (!boxes.some((b) => b.kinds.includes("redis"))) boxes[0]!.kinds = [...boxes[0]!.kinds, "redis"];
  const redisIds: string[] = [];
  const sentinelIds: string[] = [];
  const procs = boxes.map((b) =>
    b.kinds.map((k) => {
      if (k === "redis") {
        const id = `R${b.id.slice(1)}`;
        const p = { kind: "redis" as const, id, group: "g", ...(redisIds.length ? { replicaof: redisIds[0]! } : {}) };
        redisIds.push(id);
        return p;
      }
      if (k === "sentinel") {
        const id = `S${b.id.slice(1)}`;
        sentinelIds.push(id);
        return { kind: "sentinel" as const, id };
      }
      return {
        kind: "client" as const,
        id: `C${b.id.slice(1)}`,
        group: "g",
        target: { via: "fixed" as const, redis: "" },
      };
    }),
  );
  for (const list of procs)
    for (const p of list)
      if (p.kind === "client")
        p.target = (
          sentinelIds.length ? { via: "sentinel", sentinels: [...sentinelIds] } : { via: "fixed", redis: redisIds[0]! }
        ) as typeof p.target;
  const quorum = sentinelIds.length ? 1 + (r.quorumPick % sentinelIds.length) : 1;
  const pick = <T>(xs: T[], n: number) => xs[n % xs.length]!;
  const boxIds = boxes.map((b) => b.id);
  const timeline: Action[] = [];
  for (const f of r.faults) {
    const kind = f.reject ? "reject" : "drop";
    const atMs = f.at;
    switch (f.kind) {
      case "partition": {
        const cutAt = 1 + (f.a % (boxIds.length - 1));
        timeline.push({ atMs, action: "partition", groups: [boxIds.slice(0, cutAt)], kind });
        break;
      }
      case "cut": {
        const from = pick(boxIds, f.a);
        const to = pick(
          boxIds.filter((x) => x !== from),
          f.b,
        );
        timeline.push({ atMs, action: "cut", from, to, kind });
        break;
      }
      case "heal":
        timeline.push({ atMs, action: "heal" });
        break;
      case "crash":
      case "restart":
      case "pause":
      case "resume": {
        const all = [...boxIds, ...procs.flat().map((p) => p.id)];
        timeline.push({ atMs, action: f.kind, target: pick(all, f.a) });
        break;
      }
      case "clock-jump":
        timeline.push({ atMs, action: "clock-jump", target: pick(boxIds, f.a), deltaMs: (f.b % 7) * 1500 - 3000 });
        break;
      case "replicaof": {
        const target = pick(redisIds, f.a);
        const others = redisIds.filter((x) => x !== target);
        timeline.push({
          atMs,
          action: "replicaof",
          target,
          master: f.b % 3 === 0 || !others.length ? null : pick(others, f.b),
        });
        break;
      }
      case "sentinel-failover":
        if (sentinelIds.length)
          timeline.push({ atMs, action: "sentinel-failover", sentinel: pick(sentinelIds, f.a), group: "g" });
        break;
      case "sentinel-reset":
        if (sentinelIds.length)
          timeline.push({ atMs, action: "sentinel-reset", sentinel: pick(sentinelIds, f.a), pattern: "*" });
        break;
      case "config-set":
        timeline.push({
          atMs,
          action: "config-set",
          target: pick(redisIds, f.a),
          option: "min-replicas-to-write",
          value: f.b % 2,
        });
        break;
    }
  }
  return {
    format: "sentinel-lab/scenario",
    version: 1,
    id: "prop",
    title: "random",
    seed: r.seed,
    durationMs: 40000,
    network: { latencyMs: r.latency },
    groups: [
      {
        name: "g",
        sentinel: { quorum, "down-after-milliseconds": r.downAfter, "failover-timeout": r.failoverTimeout },
        redis: { "min-replicas-to-write": r.minReplicas },
      },
    ],
    boxes: boxes.map((b, i) => ({ id: b.id, processes: procs[i]! })),
    timeline,
  };
}
