import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { checkExpectations, verdictOverSeeds } from "../analysis/expectations";
import { simulate } from "../model/simulate";
import { seedList } from "./seeds";
import { parseScenarioText } from "./validate";

/** Seeds beyond the scenario's own that every expectation is checked on (issue 3: "on 20 more"). */
export const EXTRA_SEEDS = 20;

const dir = new URL("../../scenarios/", import.meta.url);

export function scenarioFiles(prefix: RegExp): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && prefix.test(f))
    .sort();
}

/** One test per shipped scenario: simulate it on its seed and 20 more, check each expectation's share. */
export function catalogSuite(prefix: RegExp): void {
  for (const file of scenarioFiles(prefix)) {
    it(file, () => {
      const v = parseScenarioText(readFileSync(new URL(file, dir), "utf8"));
      if (!v.ok) throw new Error(`${file}: ${v.problems.join("; ")}`);
      const scenario = v.scenario;
      const perSeed = seedList(scenario.seed, EXTRA_SEEDS).map((seed) => {
        const trace = simulate(scenario, { seed });
        expect(trace.endReason, `${file} seed ${seed}`).toBe("duration");
        return { seed, results: checkExpectations(trace, scenario) };
      });
      const failed = verdictOverSeeds(scenario, perSeed).filter((x) => !x.pass);
      const report = failed.map(
        (x) =>
          `${x.label}: held on ${x.held}/${x.seeds}, wanted ${x.share.min}-${x.share.max}; failing seeds ${x.failingSeeds.slice(0, 5).join(", ")}; first failure got: ${perSeed.find((p) => p.seed === x.failingSeeds[0])?.results[x.index]?.actual ?? "-"}`,
      );
      expect(report, `${file}`).toEqual([]);
    }, 300_000);
  }
}
