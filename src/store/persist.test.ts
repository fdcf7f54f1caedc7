import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Scenario } from "../scenario/schema";
import { encodeShare } from "../scenario/url";
import { validateScenario } from "../scenario/validate";
import { AUTOSAVE_KEY, bootState } from "./persist";

function shipped(file: string): Scenario {
  const v = validateScenario(JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), "utf8")));
  if (!v.ok) throw new Error(v.problems.join("; "));
  return v.scenario;
}

function memoryStorage(entries: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

const a2a = shipped("a2a-three-boxes-master-isolated.json");
const a1a = shipped("a1a-two-sentinels-box-dies.json");

describe("what the app opens with", () => {
  it("the default scenario when there is no link and no autosave", () => {
    expect(bootState("", memoryStorage(), a2a)).toEqual({ scenario: a2a, playheadMs: 1000, messages: [] });
  });

  it("a shared link wins over the autosave", () => {
    const storage = memoryStorage({ [AUTOSAVE_KEY]: JSON.stringify({ scenario: a1a, playheadMs: 5 }) });
    const boot = bootState(`#${encodeShare({ scenario: a2a, playheadMs: 42_000 })}`, storage, a1a);
    expect(boot).toEqual({ scenario: a2a, playheadMs: 42_000, messages: [] });
  });

  it("the autosave when there is no link", () => {
    const storage = memoryStorage({ [AUTOSAVE_KEY]: JSON.stringify({ scenario: a1a, playheadMs: 5000 }) });
    expect(bootState("", storage, a2a)).toEqual({ scenario: a1a, playheadMs: 5000, messages: [] });
  });

  it("a tampered link: a message naming the problem, and the autosaved work instead", () => {
    const saved = JSON.stringify({ scenario: a1a, playheadMs: 5000 });
    const storage = memoryStorage({ [AUTOSAVE_KEY]: saved });
    const link = encodeShare({ scenario: a2a, playheadMs: 0 });
    const boot = bootState(`#${link.slice(0, 60)}`, storage, a2a);
    expect(boot.scenario).toEqual(a1a);
    expect(boot.messages).toHaveLength(1);
    expect(boot.messages[0]!.title).toBe("This link could not be opened; your autosaved work is shown instead");
    expect(boot.messages[0]!.problems?.join(" ")).toMatch(/damaged|character/);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(saved);
  });

  it("a damaged autosave is reported and left as it is", () => {
    const storage = memoryStorage({ [AUTOSAVE_KEY]: '{"scenario": {"format": "nope"}}' });
    const boot = bootState("", storage, a2a);
    expect(boot.scenario).toBe(a2a);
    expect(boot.messages[0]!.title).toMatch(/autosaved work could not be restored; it is kept as it was/);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe('{"scenario": {"format": "nope"}}');
  });

  it("ignores fragments that are no share link", () => {
    expect(bootState("#section", memoryStorage(), a2a).messages).toEqual([]);
  });
});
