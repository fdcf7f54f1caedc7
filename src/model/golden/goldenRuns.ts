import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { seedList } from "../../scenario/seeds";
import { parseScenarioText } from "../../scenario/validate";
import { simulate } from "../simulate";

// Seeded golden outputs: a hash of the whole trace of every shipped scenario on three seeds. A refactoring or
// an optimization must leave them unchanged; a deliberate change of behavior updates them (`npm run golden`).

export const GOLDEN_FILE = new URL("./traces.json", import.meta.url);
const SCENARIOS = new URL("../../../scenarios/", import.meta.url);

export function goldenHashes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(SCENARIOS)
    .filter((x) => x.endsWith(".json"))
    .sort()) {
    const v = parseScenarioText(readFileSync(new URL(f, SCENARIOS), "utf8"));
    if (!v.ok) throw new Error(`${f}: ${v.problems.join("; ")}`);
    for (const seed of seedList(v.scenario.seed, 2)) {
      // eventsProcessed counts work, not behavior: leaving it out lets event-saving optimizations be checked.
      const trace = { ...simulate(v.scenario, { seed }), eventsProcessed: 0 };
      out[`${f.replace(/\.json$/, "")}@${seed}`] = createHash("sha256").update(JSON.stringify(trace)).digest("hex");
    }
  }
  return out;
}
