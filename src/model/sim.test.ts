import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Sim } from "./sim";

/**
 * The reference order: a sorted list of (time, sequence). Each fired event schedules its children with the given
 * delays, so events are added while others run, as in the model.
 */
function referenceOrder(roots: number[], children: number[][]): number[] {
  let seq = 0;
  let now = 0;
  const pending: Array<{ t: number; seq: number; id: number }> = [];
  let nextId = 0;
  const add = (t: number) => pending.push({ t: Math.max(t, now), seq: seq++, id: nextId++ });
  for (const t of roots) add(t);
  const fired: number[] = [];
  while (pending.length) {
    pending.sort((x, y) => x.t - y.t || x.seq - y.seq);
    const e = pending.shift()!;
    now = e.t;
    fired.push(e.id);
    for (const d of children[e.id % children.length] ?? []) if (nextId < 400) add(now + d);
  }
  return fired;
}

function simOrder(roots: number[], children: number[][], untilSteps: number[]): number[] {
  const sim = new Sim();
  const fired: number[] = [];
  let nextId = 0;
  const schedule = (t: number) => {
    const id = nextId++;
    sim.at(t, () => {
      fired.push(id);
      for (const d of children[id % children.length] ?? []) if (nextId < 400) schedule(sim.nowMs + d);
    });
  };
  for (const t of roots) schedule(t);
  // Runs in several calls, as a caller stepping through the timeline would.
  for (const until of [...untilSteps].sort((x, y) => x - y)) sim.run(until, Number.MAX_SAFE_INTEGER);
  sim.run(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  return fired;
}

describe("Sim's event queue", () => {
  it("fires events in (time, sequence) order, near ones and ones beyond the ring alike", () => {
    const delay = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5000 }));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6000 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.array(delay, { maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 20000 }), { maxLength: 4 }),
        (roots, children, steps) => {
          expect(simOrder(roots, children, steps)).toEqual(referenceOrder(roots, children));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps the order of a far event and a near one due in the same millisecond", () => {
    const sim = new Sim();
    const fired: string[] = [];
    sim.at(5000, () => fired.push("far, scheduled first"));
    sim.at(4500, () => sim.at(5000, () => fired.push("near, scheduled later")));
    sim.at(5000, () => fired.push("far, scheduled second"));
    sim.run(10_000, 100);
    expect(fired).toEqual(["far, scheduled first", "far, scheduled second", "near, scheduled later"]);
  });

  it("reports the next event's time and the pending count without running anything", () => {
    const sim = new Sim();
    sim.at(3000, () => {});
    sim.at(20, () => {});
    expect(sim.peekTime()).toBe(20);
    expect(sim.pending).toBe(2);
    sim.run(100, 100);
    expect(sim.nowMs).toBe(100);
    expect(sim.peekTime()).toBe(3000);
    sim.run(5000, 100);
    expect(sim.pending).toBe(0);
    expect(sim.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses a time that is not a whole millisecond", () => {
    expect(() => new Sim().at(1.5, () => {})).toThrow(/whole millisecond/);
  });
});
