import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateScenario } from "../scenario/validate";
import { randomScenario } from "./randomScenario";
import { simulate } from "./simulate";
import type { Trace } from "./trace";

// Random topologies with random fault schedules: the model's own invariants (one vote per epoch, epochs never
// going back, leaders only with a majority, offsets monotonic within a replication ID) throw if broken.

function wellFormedHistory(trace: Trace): void {
  const open = new Map<string, number>();
  for (const op of trace.history) {
    if (op.type === "invoke") {
      expect(open.has(op.process), `${op.process} has two writes in flight`).toBe(false);
      open.set(op.process, op.index);
    } else {
      expect(open.get(op.process), `completion without invoke for ${op.value}`).toBeDefined();
      expect(trace.history[open.get(op.process)!]!.value).toBe(op.value);
      open.delete(op.process);
    }
  }
}

describe("model under random topologies and faults", () => {
  it("keeps its invariants on 1,000 random runs", () => {
    fc.assert(
      fc.property(randomScenario, (input) => {
        const v = validateScenario(input);
        if (!v.ok) throw new Error(`generator made an invalid scenario: ${v.problems.join("; ")}`);
        const trace = simulate(v.scenario, { maxEvents: 5_000_000 });
        expect(trace.endReason).toBe("duration");
        wellFormedHistory(trace);
        const epochs = new Map<string, number>();
        for (const [id, snaps] of Object.entries(trace.timelines.sentinel))
          for (const s of snaps) {
            expect(s.currentEpoch).toBeGreaterThanOrEqual(epochs.get(id) ?? 0);
            epochs.set(id, s.currentEpoch);
          }
      }),
      { numRuns: 1000, seed: 20261125 },
    );
  }, 600_000);

  it("gives a byte-identical trace for the same scenario and seed", () => {
    fc.assert(
      fc.property(randomScenario, (input) => {
        const v = validateScenario(input);
        if (!v.ok) return;
        expect(JSON.stringify(simulate(v.scenario))).toBe(JSON.stringify(simulate(v.scenario)));
      }),
      { numRuns: 25, seed: 7 },
    );
  }, 120_000);
});
