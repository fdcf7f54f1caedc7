import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../scenario/validate";
import { applyAction } from "./operator";
import { World } from "./world";

// INFO's master_link_down_since_seconds is server.unixtime - server.repl_down_since: whole seconds of the
// process's clock, not elapsed time rounded down. It decides whether Sentinel polls a replica every second.

function example2AtCrash(crashAtMs: number): World {
  const v = parseScenarioText(
    readFileSync(new URL("../../scenarios/a2a-three-boxes-master-isolated.json", import.meta.url), "utf8"),
  );
  if (!v.ok) throw new Error(v.problems.join("; "));
  const s = { ...v.scenario, timeline: [{ atMs: crashAtMs, action: "crash" as const, target: "M1" }] };
  const w = new World(s, s.seed);
  for (const p of w.startOrder()) w.startProcess(p, true);
  w.applyFaults();
  for (const [i, a] of s.timeline.entries()) w.sim.at(a.atMs, () => applyAction(w, a, i));
  return w;
}

describe("master_link_down_since_seconds", () => {
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
