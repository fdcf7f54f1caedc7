import { readFileSync } from "node:fs";
import type { Scenario, ScenarioInput } from "../scenario/schema";
import { parseScenarioText, validateScenario } from "../scenario/validate";

// Scenarios for the sweep's tests: shipped ones by catalog file, and made-up topologies of n boxes.

function load(path: string): Scenario {
  const v = parseScenarioText(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"));
  if (!v.ok) throw new Error(`${path}: ${v.problems.join("; ")}`);
  return v.scenario;
}

export function shipped(file: string): Scenario {
  return load(`scenarios/${file}.json`);
}

/** The sweep benchmark's topology: seven boxes, five Sentinels, four clients. */
export function sevenBoxes(): Scenario {
  return load("bench/sweep-seven-boxes.json");
}

/** n boxes: a master and a Sentinel on box 1, a replica and a Sentinel on each other box (at most 3 Sentinels). */
export function boxes(n: number, sentinels = true): Scenario {
  const input: ScenarioInput = {
    format: "sentinel-lab/scenario",
    version: 1,
    id: `boxes-${n}`,
    title: `${n} boxes`,
    seed: 1,
    groups: [{ name: "g" }],
    boxes: Array.from({ length: n }, (_, i) => ({
      id: `b${i + 1}`,
      processes: [
        { kind: "redis" as const, id: `r${i + 1}`, group: "g", ...(i ? { replicaof: "r1" } : {}) },
        ...(sentinels && i < 3 ? [{ kind: "sentinel" as const, id: `s${i + 1}` }] : []),
      ],
    })),
  };
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.join("; "));
  return v.scenario;
}

/** Three boxes with a Redis and a Sentinel each, and two boxes with only a client (that never talk to each other). */
export function clientBoxes(): Scenario {
  const client = (i: number) => ({
    id: `app${i}`,
    processes: [
      {
        kind: "client" as const,
        id: `c${i}`,
        group: "g",
        target: { via: "sentinel" as const, sentinels: i === 1 ? ["s1", "s2", "s3"] : ["s3", "s2", "s1"] },
      },
    ],
  });
  const base = boxes(3);
  const v = validateScenario({ ...base, id: "client-boxes", boxes: [...base.boxes, client(1), client(2)] });
  if (!v.ok) throw new Error(v.problems.join("; "));
  return v.scenario;
}
