import { readFileSync } from "node:fs";
import { applyPatches } from "immer";
import { describe, expect, it } from "vitest";
import { simulate } from "../model/simulate";
import type { Trace } from "../model/trace";
import {
  addCut,
  applyEdit,
  deleteFault,
  type Edit,
  healFault,
  isolateBox,
  moveBoxToSide,
  moveFault,
  processFault,
  setFaultEdge,
} from "./edit";
import { replaceScenario, setRedisOption, setSentinelOption, setWhatIf } from "./editConfig";
import { faultBands, partitionSidesAt } from "./faults";
import type { Scenario } from "./schema";
import { validateScenario } from "./validate";

function shipped(file: string): Scenario {
  const v = validateScenario(JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), "utf8")));
  if (!v.ok) throw new Error(v.problems.join("; "));
  return v.scenario;
}

const a2a = shipped("a2a-three-boxes-master-isolated.json");
const a1a = shipped("a1a-two-sentinels-box-dies.json");

function ok(s: Scenario, e: Edit): Scenario {
  const r = applyEdit(s, e);
  if (!r.ok) throw new Error(r.problems.join("\n"));
  return r.scenario;
}

function problems(s: Scenario, e: Edit): string {
  const r = applyEdit(s, e);
  if (r.ok) throw new Error(`expected "${e.label}" to fail`);
  return r.problems.join("\n");
}

/** Everything the trace recorded strictly before t. */
function pastOf(trace: Trace, t: number) {
  const before = <T extends { tMs: number }>(list: T[]) => list.filter((x) => x.tMs < t);
  const timelines = (table: Record<string, { tMs: number }[]>) =>
    Object.fromEntries(Object.entries(table).map(([k, v]) => [k, before(v)]));
  return {
    events: before(trace.events),
    history: trace.history.filter((o) => o.timeMs < t),
    redis: timelines(trace.timelines.redis),
    sentinel: timelines(trace.timelines.sentinel),
    client: timelines(trace.timelines.client),
    net: before(trace.timelines.net),
  };
}

describe("dragging a box out of its side", () => {
  it("adds a partition at the playhead; the past stays identical and the future forks", () => {
    const next = ok(a2a, isolateBox(10_000, "box1", "reject"));
    expect(next.timeline.at(-1)).toEqual({
      atMs: 10_000,
      action: "partition",
      id: "part1",
      groups: [["box1"]],
      kind: "reject",
    });
    expect(partitionSidesAt(next, 10_000)).toEqual([["box1"], ["box2", "box3"]]);
    const before = simulate(a2a);
    const after = simulate(next);
    expect(pastOf(after, 10_000)).toEqual(pastOf(before, 10_000));
    const firstSwitch = (t: Trace) => t.events.find((e) => e.name === "+switch-master")?.tMs ?? Infinity;
    expect(firstSwitch(after)).toBeLessThan(firstSwitch(before));
  });

  it("refuses to cut off a box that is already alone", () => {
    expect(problems(a2a, isolateBox(40_000, "box1", "drop"))).toMatch(/box1 is already cut off .* 40\.0 s/);
    expect(problems(a2a, isolateBox(40_000, "nope", "drop"))).toMatch(/no box "nope"/);
  });

  it("dragging it back heals the partition and drops the later heal", () => {
    const next = ok(a2a, moveBoxToSide(60_000, "box1", ["box2", "box3"], "drop"));
    expect(partitionSidesAt(next, 60_000)).toEqual([["box1", "box2", "box3"]]);
    const bands = faultBands(next);
    expect(bands).toHaveLength(1);
    expect(bands[0]).toMatchObject({ kind: "partition", fromMs: 30_000, toMs: 60_000 });
    // Bands name boxes as the topology does; the trace's log keeps the ids.
    expect(bands[0]!.label).toBe("partition {Box 1} | rest (drop)");
    expect(next.timeline.filter((a) => a.action === "heal")).toEqual([{ atMs: 60_000, action: "heal", id: "cut" }]);
  });

  it("dragging a box onto another side regroups, keeping the planned heal", () => {
    const next = ok(a2a, moveBoxToSide(50_000, "box2", ["box1"], "drop"));
    expect(partitionSidesAt(next, 50_000)).toEqual([["box1", "box2"], ["box3"]]);
    expect(partitionSidesAt(next, 40_000)).toEqual([["box1"], ["box2", "box3"]]);
    expect(partitionSidesAt(next, 100_000)).toEqual([["box1", "box2", "box3"]]);
  });

  it("moving a box onto its own side changes nothing", () => {
    expect(problems(a2a, moveBoxToSide(50_000, "box2", ["box3"], "drop"))).toMatch(/already on that side/);
  });

  it("a partition that starts at the playhead is removed rather than healed at once", () => {
    const cut = ok(a2a, isolateBox(10_000, "box3", "drop"));
    const back = ok(cut, moveBoxToSide(10_000, "box3", ["box1"], "drop"));
    expect(back.timeline).toEqual(a2a.timeline);
  });
});

describe("faults on the timeline", () => {
  it("move, stretch and delete a band with its heal", () => {
    const moved = ok(a2a, moveFault(0, 5000));
    expect(faultBands(moved)[0]).toMatchObject({ fromMs: 35_000, toMs: 105_000 });
    const clamped = ok(a2a, moveFault(0, 1e9));
    expect(faultBands(clamped)[0]).toMatchObject({ fromMs: 80_000, toMs: 150_000 });
    const stretched = ok(a2a, setFaultEdge(0, "end", 70_000));
    expect(faultBands(stretched)[0]).toMatchObject({ fromMs: 30_000, toMs: 70_000 });
    expect(problems(a2a, setFaultEdge(0, "start", 120_000))).toMatch(/start before it ends/);
    expect(ok(a2a, deleteFault(0)).timeline).toEqual([]);
  });

  it("an open-ended fault gets an end when stretched", () => {
    const cut = ok(a2a, addCut(20_000, "box2", "box1", "drop"));
    const band = faultBands(cut).find((b) => b.kind === "cut")!;
    expect(band.toMs).toBeNull();
    const ended = ok(cut, setFaultEdge(band.start, "end", 25_000));
    expect(faultBands(ended).find((b) => b.kind === "cut")).toMatchObject({ fromMs: 20_000, toMs: 25_000 });
    const healed = ok(cut, healFault(band.start, 22_000));
    expect(faultBands(healed).find((b) => b.kind === "cut")).toMatchObject({ toMs: 22_000 });
  });

  it("crash, restart, pause and resume check the state at the playhead", () => {
    expect(faultBands(a1a).map((b) => [b.kind, b.targets[0], b.fromMs, b.toMs])).toEqual([
      ["crash", "box1", 30_000, expect.any(Number)],
    ]);
    expect(problems(a1a, processFault(60_000, "crash", "M1"))).toMatch(/M1 is already down at 60\.0 s/);
    expect(problems(a1a, processFault(10_000, "restart", "M1"))).toMatch(/M1 is not down/);
    expect(problems(a1a, processFault(10_000, "resume", "S2"))).toMatch(/S2 is not paused/);
    const paused = ok(a1a, processFault(10_000, "pause", "S2"));
    expect(faultBands(paused).find((b) => b.kind === "pause")).toMatchObject({ targets: ["S2"], toMs: null });
    const resumed = ok(paused, processFault(15_000, "resume", "S2"));
    expect(faultBands(resumed).find((b) => b.kind === "pause")).toMatchObject({ toMs: 15_000 });
  });
});

describe("configuration edits", () => {
  it("sets Redis's own option names and can go back to the default", () => {
    const q = ok(a2a, setSentinelOption("mymaster", "quorum", 3));
    expect(q.groups[0]!.sentinel!.quorum).toBe(3);
    const m = ok(a2a, setRedisOption({ group: "mymaster" }, "min-replicas-to-write", 1));
    expect(m.groups[0]!.redis).toEqual({ "min-replicas-to-write": 1 });
    const back = ok(m, setRedisOption({ group: "mymaster" }, "min-replicas-to-write", undefined));
    expect(back.groups[0]!.redis).toEqual({});
  });

  it("an impossible value never reaches the model: the message names the field", () => {
    expect(problems(a2a, setSentinelOption("mymaster", "quorum", 0))).toMatch(/groups\[0\]\.sentinel\.quorum/);
    expect(problems(a2a, setSentinelOption("mymaster", "quorum", 4))).toMatch(/quorum 4 but only 3 Sentinels/);
    expect(problems(a2a, setRedisOption({ process: "R2" }, "replica-priority", -1))).toMatch(/replica-priority/);
  });

  it("patches undo an edit exactly", () => {
    const r = applyEdit(a2a, isolateBox(10_000, "box2", "drop"));
    if (!r.ok) throw new Error(r.problems.join());
    expect(applyPatches(r.scenario, r.inverse)).toEqual(a2a);
    expect(applyPatches(a2a, r.patches)).toEqual(r.scenario);
  });

  it("replaces the whole scenario and toggles the what-if mode", () => {
    expect(ok(a2a, replaceScenario(a1a, "load A1a"))).toEqual(a1a);
    expect(ok(a2a, setWhatIf(true)).whatIf).toEqual({ failoverWithoutMajority: true });
  });
});
