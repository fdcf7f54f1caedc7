import { readFileSync } from "node:fs";
import { deflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import type { Scenario } from "./schema";
import { decodeShare, encodeShare, fromBase64Url, isShareFragment, toBase64Url } from "./url";
import { validateScenario } from "./validate";

function shipped(file: string): Scenario {
  const v = validateScenario(JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), "utf8")));
  if (!v.ok) throw new Error(v.problems.join("; "));
  return v.scenario;
}

const a2a = shipped("a2a-three-boxes-master-isolated.json");

describe("base64url", () => {
  it("round-trips every length and byte value", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
      const back = fromBase64Url(toBase64Url(bytes));
      expect(back).toEqual(bytes);
    }
  });

  it("uses only URL-safe characters and no padding", () => {
    expect(toBase64Url(Uint8Array.from([251, 255, 191]))).toBe("-_-_");
    expect(toBase64Url(Uint8Array.from([1]))).toBe("AQ");
  });

  it("points at the first character that cannot be base64url", () => {
    expect(fromBase64Url("AQ$A")).toEqual({ badAt: 2 });
    expect(fromBase64Url("AQAAA")).toEqual({ badAt: 4 });
  });
});

describe("share links", () => {
  it("round-trips a scenario and the playhead", () => {
    const fragment = encodeShare({ scenario: a2a, playheadMs: 42_500 });
    expect(isShareFragment(fragment)).toBe(true);
    const back = decodeShare(fragment);
    expect(back).toEqual({ ok: true, state: { scenario: a2a, playheadMs: 42_500 } });
  });

  it("keeps a link short enough to paste into chat", () => {
    expect(encodeShare({ scenario: a2a, playheadMs: 0 }).length).toBeLessThan(3000);
  });

  it("clamps a playhead beyond the end to the end", () => {
    const back = decodeShare(encodeShare({ scenario: a2a, playheadMs: 10_000_000 }));
    expect(back.ok && back.state.playheadMs).toBe(a2a.durationMs);
  });

  const problem = (fragment: string) => {
    const r = decodeShare(fragment);
    if (r.ok) throw new Error("expected a problem");
    return r.problems.join("\n");
  };

  it("names what is wrong with a broken or tampered link", () => {
    const good = encodeShare({ scenario: a2a, playheadMs: 1000 });
    const data = new URLSearchParams(good).get("s")!;
    expect(problem("")).toMatch(/no format version/);
    expect(problem(good.replace("v=1", "v=7"))).toMatch(/newer Sentinel Lab .*v7/);
    expect(problem(good.replace("v=1", "v=x"))).toMatch(/format version "x"/);
    expect(problem("v=1&t=5")).toMatch(/no scenario data/);
    expect(problem(`v=1&s=${data.slice(0, 10)}*${data.slice(11)}`)).toMatch(/character .* position 11/);
    // Cut at a multiple of 4 characters, so that the base64 itself stays well-formed and only the deflate stream breaks.
    expect(problem(`v=1&s=${data.slice(0, (data.length >> 1) & ~3)}`)).toMatch(/damaged/);
    expect(problem(good.replace("t=1000", "t=-3"))).toMatch(/playhead "t=-3"/);
    expect(problem(`v=1&s=${toBase64Url(deflateSync(strToU8("{nope")))}`)).toMatch(/not JSON/);
  });

  it("validates the scenario inside the link like any other input", () => {
    const bad = { ...a2a, groups: [{ ...a2a.groups[0]!, sentinel: { quorum: 0 } }] };
    const packed = toBase64Url(deflateSync(strToU8(JSON.stringify(bad))));
    expect(problem(`v=1&s=${packed}&t=0`)).toMatch(/invalid: groups\[0\]\.sentinel\.quorum/);
  });

  it("tells a share fragment from any other", () => {
    expect(isShareFragment("v=1&s=abc")).toBe(true);
    expect(isShareFragment("section-2")).toBe(false);
  });
});
