import { describe, expect, it } from "vitest";
import { allPartitions, bell, groupsOf, sampleRanks, unrankPartition } from "./partitions";

describe("set partitions", () => {
  it("counts Bell numbers", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => bell(n))).toEqual([1n, 2n, 5n, 15n, 52n, 203n, 877n]);
    expect(bell(12)).toBe(4213597n);
    expect(bell(30)).toBe(846749014511809332450147n);
  });

  it("enumerates exactly Bell(n) distinct partitions, in rank order", () => {
    for (let n = 1; n <= 7; n++) {
      const all = [...allPartitions(n)];
      expect(all.length).toBe(Number(bell(n)));
      expect(new Set(all.map((p) => p.join(","))).size).toBe(all.length);
      all.forEach((p, rank) => {
        expect(unrankPartition(n, BigInt(rank))).toEqual(p);
      });
    }
  });

  it("starts with everything together and ends with everything apart", () => {
    const all = [...allPartitions(4)];
    expect(groupsOf(all[0]!)).toEqual([[0, 1, 2, 3]]);
    expect(groupsOf(all.at(-1)!)).toEqual([[0], [1], [2], [3]]);
  });

  it("samples distinct ranks deterministically, even from millions", () => {
    const a = sampleRanks(bell(12), 200, 42);
    expect(a).toEqual(sampleRanks(bell(12), 200, 42));
    expect(new Set(a).size).toBe(200);
    expect(a.every((r) => r >= 0n && r < bell(12))).toBe(true);
    expect(sampleRanks(bell(3), 10, 1)).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(unrankPartition(12, a[0]!)).toHaveLength(12);
  });
});
