import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { GOLDEN_FILE, goldenHashes } from "./goldenRuns";

it("every shipped scenario gives the same trace as the committed golden hashes", () => {
  const golden = JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) as Record<string, string>;
  const now = goldenHashes();
  const changed = Object.keys({ ...golden, ...now }).filter((k) => golden[k] !== now[k]);
  expect(changed, "traces changed; if the behavior change is intended, run `npm run golden` and say why").toEqual([]);
}, 120_000);
