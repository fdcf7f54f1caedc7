import { checkExpectations, verdictOverSeeds } from "../analysis/expectations";
import { simulate } from "../model/simulate";
import { seedList } from "../scenario/seeds";
import { derive } from "./derive";
import type { SimRequest, SimResponse } from "./simProtocol";

// What the simulation worker answers; also called directly where no Worker is available.

export function answer(req: SimRequest): SimResponse {
  switch (req.kind) {
    case "run": {
      const t0 = performance.now();
      const trace = simulate(req.scenario);
      const simMs = performance.now() - t0;
      const derived = derive(trace, req.scenario);
      return { id: req.id, kind: "run", ok: true, trace: { ...trace, history: [] }, derived, simMs };
    }
    case "check": {
      const trace = simulate(req.scenario);
      const results = checkExpectations(trace, req.scenario);
      const pass = results.every((r) => r.pass) && trace.endReason === "duration";
      return { id: req.id, kind: "check", ok: true, results, pass };
    }
    case "seeds": {
      const seeds = seedList(req.scenario.seed, req.extraSeeds);
      const perSeed = seeds.map((seed) => ({
        seed,
        results: checkExpectations(simulate(req.scenario, { seed }), req.scenario),
      }));
      return {
        id: req.id,
        kind: "seeds",
        ok: true,
        verdicts: verdictOverSeeds(req.scenario, perSeed),
        seeds: seeds.length,
      };
    }
    default: {
      const never: never = req;
      return never;
    }
  }
}

/** The answer, or the model's error as a message (an invariant violation is a bug, but the app stays usable). */
export function answerSafely(req: SimRequest): SimResponse {
  try {
    return answer(req);
  } catch (err) {
    return { id: req.id, kind: req.kind, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
