import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The CLI's contract: what it prints and its exit codes (0 all expectations hold, 1 one fails, 2 bad input).

function sim(args: string[]): { code: number; out: string; err: string } {
  try {
    const out = execFileSync(process.execPath, ["scripts/cli.mjs", "sim", ...args], { encoding: "utf8" });
    return { code: 0, out, err: "" };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: x.stdout, err: x.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), "slab-cli-"));

describe("npm run sim", () => {
  it("prints the summary of a scenario and exits 0 when its expectations hold", () => {
    const r = sim(["scenarios/c13-short-partition.json"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("group mymaster: master at the end M1");
    expect(r.out).toMatch(/PASS\s+mymaster: failovers 0/);
  }, 60_000);

  it("exits 1 when an expectation fails", () => {
    const s = JSON.parse(execFileSync("cat", ["scenarios/c13-short-partition.json"], { encoding: "utf8" }));
    s.expect = [{ kind: "failover", group: "mymaster", count: [1, 1] }];
    const file = join(dir, "failing.json");
    writeFileSync(file, JSON.stringify(s));
    const r = sim([file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL\s+mymaster: failovers 1/);
  }, 60_000);

  it("exits 2 with one line per problem on an invalid scenario, and on bad options", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ format: "sentinel-lab/scenario", version: 1, id: "Bad Id" }));
    const r = sim([file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("is not a valid scenario");
    expect(r.err).toMatch(/ {2}- id: /);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    expect(sim(["scenarios/c13-short-partition.json", "--until", "soon"]).code).toBe(2);
    expect(sim([join(dir, "missing.json")]).err).toMatch(/cannot read .*ENOENT/);
  }, 60_000);

  it("prints Sentinel-style log lines and a JSON trace", () => {
    const log = sim(["scenarios/c13-short-partition.json", "--format", "log", "--until", "40s"]);
    expect(log.out.split("\n")[0]).toMatch(/^00:00\.000 S\d\s+# \+monitor master mymaster/);
    const json = sim(["scenarios/c13-short-partition.json", "--format", "json", "--until", "40s"]);
    const trace = JSON.parse(json.out) as { endMs: number; scenarioId: string };
    expect(trace).toMatchObject({ endMs: 40_000, scenarioId: "c13-short-partition" });
  }, 60_000);
});
