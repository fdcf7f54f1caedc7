// npm run conformance:report [-- --seeds M]
//
// Regenerates docs/conformance.md and src/ui/conformance-summary.json from the saved real runs
// (docs/conformance/runs/<id>-<n>.json) and the model run on the same conformance variant, with the same
// outcomes and comparison code as `npm run conformance` (conformance/outcomes.ts, conformance/compare.ts).
// Nothing real is run.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { simulate } from "../src/model/simulate";
import type { Scenario } from "../src/scenario/schema";
import { parseScenarioText } from "../src/scenario/validate";
import type {
  ConformanceDisagreement,
  ConformanceRow,
  ConformanceSummary,
  ScenarioConformance,
} from "../src/ui/conformanceSummary";
import { scenarioFingerprint } from "../src/ui/conformanceSummary";
import { type Comparison, compareOutcomes, TOLERANCES } from "./compare";
import { EXPLANATIONS, FINDINGS, type Finding, type FindingId, HARNESS_FIXES, MODEL_FIXES } from "./disagreements";
import { REPO_ROOT, type RealTrace, RUNS_DIR } from "./harness";
import { type Outcomes, outcomes } from "./outcomes";
import { loadRuns } from "./runfile";
import { CONFORMANCE_TIMERS, cannotRun, conformanceVariant, runsFsyncMs, variantWarnings } from "./variant";

/** Model seeds per scenario in the report (at least the number of real runs). */
export const REPORT_SEEDS = 200;

export const REPORT_FILE = join(REPO_ROOT, "docs", "conformance.md");
export const SUMMARY_FILE = join(REPO_ROOT, "src", "ui", "conformance-summary.json");
/** Verdict and run count per scenario, small enough for the gallery's bundle (the summary loads later). */
export const INDEX_FILE = join(REPO_ROOT, "src", "ui", "conformance-index.json");

interface Disagreement {
  /** The failed check, e.g. "client C3 · refused". */
  label: string;
  /** The real runs it failed in. */
  runs: number[];
  /** Label and detail. */
  check: string;
  source: ConformanceDisagreement["source"];
  note: string;
  finding?: FindingId;
}

interface ScenarioResult {
  scenario: Scenario;
  runs: RealTrace[];
  real: Outcomes[];
  model: Outcomes[];
  comparison: Comparison;
  disagreements: Disagreement[];
  notes: string[];
}

const tolText = `timings ±${TOLERANCES.timingAbsMs / 1000} s or ±${TOLERANCES.timingRel * 100} % (the wider), write counts ±${TOLERANCES.countRel * 100} %`;

/** Failed checks, the events check split per event name, as labels for the explanations. */
function failedLabels(
  c: Comparison,
  real: Outcomes[],
  model: Outcomes[],
): { label: string; detail: string; runs: number[] }[] {
  const out: { label: string; detail: string; runs: number[] }[] = [];
  for (const k of c.checks) {
    if (k.ok) continue;
    if (k.scope !== "events") {
      // One entry per failing run: the same check can fail for different reasons in different runs.
      for (const f of k.failures ?? [])
        out.push({ label: `${k.scope} · ${k.name}`, detail: `run ${f.run}: ${f.why}`, runs: [f.run] });
      continue;
    }
    const { always, union } = modelEvents(model);
    const missing = new Map<string, number[]>();
    const extra = new Map<string, number[]>();
    real.forEach((r, i) => {
      for (const e of always) if (!r.events.includes(e)) missing.set(e, [...(missing.get(e) ?? []), i + 1]);
      for (const e of r.events) if (!union.has(e)) extra.set(e, [...(extra.get(e) ?? []), i + 1]);
    });
    for (const [e, runs] of missing)
      out.push({
        label: `events · missing ${e}`,
        detail: `in every model seed, not in real run ${runs.join(", ")}`,
        runs,
      });
    for (const [e, runs] of extra)
      out.push({ label: `events · extra ${e}`, detail: `in real run ${runs.join(", ")}, in no model seed`, runs });
  }
  return out;
}

function modelEvents(model: Outcomes[]) {
  const union = new Set(model.flatMap((m) => m.events));
  const always = model.length
    ? model.slice(1).reduce((acc, m) => acc.filter((x) => m.events.includes(x)), [...model[0]!.events])
    : [];
  return { always, union, sometimes: [...union].filter((x) => !always.includes(x)).sort() };
}

function explain(id: string, label: string, detail: string, runs: number[]): Disagreement {
  const e = EXPLANATIONS.find(
    (x) =>
      (x.scenarios === "*" || x.scenarios.includes(id)) &&
      x.check.test(label) &&
      (!x.runs || runs.every((r) => x.runs!.includes(r))),
  );
  const base = { label, runs, check: `${label} (${detail})` };
  if (!e) return { ...base, source: "unexamined", note: "not examined yet" };
  const f: Finding = FINDINGS[e.finding];
  return { ...base, source: f.source, note: f.summary, finding: e.finding };
}

function loadScenarios(): { file: string; scenario: Scenario }[] {
  const dir = join(REPO_ROOT, "scenarios");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const v = parseScenarioText(readFileSync(join(dir, f), "utf8"));
      if (!v.ok) throw new Error(`scenarios/${f}: ${v.problems.join("; ")}`);
      return { file: f, scenario: v.scenario };
    });
}

export function evaluate(scenario: Scenario, runs: RealTrace[], seeds: number): ScenarioResult {
  const variant = conformanceVariant(scenario);
  const real = runs.map((t) => outcomes(t, variant));
  // The model runs with the real runs' sentinel.conf rewrite time (see VariantOptions).
  const fsyncMs = runsFsyncMs(runs);
  const modelVariant = conformanceVariant(scenario, { configFsyncMs: fsyncMs });
  const model: Outcomes[] = [];
  for (let seed = 1; seed <= Math.max(seeds, runs.length); seed++)
    model.push(outcomes(simulate(modelVariant, { seed }), modelVariant));
  const comparison = compareOutcomes(real, model);
  const disagreements = failedLabels(comparison, real, model).map((f) =>
    explain(scenario.id, f.label, f.detail, f.runs),
  );
  const notes = [
    `down-after-milliseconds ${CONFORMANCE_TIMERS["down-after-milliseconds"]} and failover-timeout ${CONFORMANCE_TIMERS["failover-timeout"]} on every group`,
    ...(fsyncMs !== null && "configFsyncMs" in modelVariant.network
      ? [
          `the model with configFsyncMs ${modelVariant.network.configFsyncMs} (the real runs' median sentinel.conf rewrite time)`,
        ]
      : []),
    ...variantWarnings(scenario),
  ];
  for (const t of runs)
    for (const n of t.real.harness.notes)
      if (/not applied|not settled|did not answer|unknown|failed/i.test(n) && !notes.includes(n)) notes.push(n);
  return { scenario, runs, real, model, comparison, disagreements, notes };
}

interface DisagreementGroup {
  finding?: FindingId;
  source: ConformanceDisagreement["source"];
  note: string;
  /** "C3 · refused (run 1: …)", one per failed check and run. */
  checks: string[];
  /** Failed check → the real runs it failed in. */
  runsByCheck: Map<string, number[]>;
}

/** Disagreements with the same explanation together. */
function grouped(ds: ScenarioResult["disagreements"]): DisagreementGroup[] {
  const out = new Map<string, DisagreementGroup>();
  for (const d of ds) {
    const key = d.finding ?? "?unexamined";
    const g = out.get(key) ?? {
      ...(d.finding ? { finding: d.finding } : {}),
      source: d.source,
      note: d.note,
      checks: [],
      runsByCheck: new Map<string, number[]>(),
    };
    g.checks.push(d.check.replace(/^(client|group) /, ""));
    const label = d.label.replace(/^(client|group) /, "");
    g.runsByCheck.set(label, [...new Set([...(g.runsByCheck.get(label) ?? []), ...d.runs])].sort());
    out.set(key, g);
  }
  return [...out.values()];
}

const yesNo = (v: string) => v.replace(/\btrue\b/g, "yes").replace(/\bfalse\b/g, "no");

/** Rows worth showing: a row where every real run and the model say "none" says nothing. */
function rows(c: Comparison): ConformanceRow[] {
  return c.checks
    .filter((k) => k.scope !== "events")
    .filter((k) => !(k.ok && k.modelRange === "none" && k.real.every((r) => r === "none")))
    .map((k) => {
      // Timings: the unit once, in the name ("first fault → +switch-master (s)"), not after every figure.
      const timed = [...k.real, k.modelRange].some((v) => /\d s\b/.test(v));
      const bare = (v: string) => yesNo(timed ? v.replace(/(\d) s\b/g, "$1") : v);
      return {
        scope: k.scope,
        name: timed ? `${k.name} (s)` : k.name,
        real: k.real.map(bare),
        model: bare(k.modelRange),
        ok: k.ok,
      };
    });
}

function summaryOf(r: ScenarioResult): ScenarioConformance {
  const ev = modelEvents(r.model);
  return {
    title: r.scenario.title,
    ...(r.scenario.catalog ? { catalog: r.scenario.catalog } : {}),
    fingerprint: scenarioFingerprint(r.scenario),
    conforms: r.comparison.conforms,
    runs: r.runs.length,
    seeds: r.model.length,
    runAt: r.runs.map((t) => t.real.runAt),
    notes: r.notes,
    rows: rows(r.comparison),
    events: { real: r.real.map((o) => o.events), modelAlways: ev.always, modelSometimes: ev.sometimes },
    disagreements: grouped(r.disagreements).map((g) => ({
      check: [...g.runsByCheck]
        .map(([label, runs]) => `${label} (run${runs.length > 1 ? "s" : ""} ${runs.join(", ")})`)
        .join("; "),
      source: g.source,
      ...(g.finding ? { finding: g.finding } : { note: g.note }),
    })),
  };
}

const esc = (s: string) => s.replace(/\|/g, "\\|");

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
const anchor = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replace(/ /g, "-");

function scenarioSection(r: ScenarioResult): string {
  const s = r.scenario;
  const n = r.runs.length;
  const out: string[] = [];
  out.push(`## ${s.catalog ? `${s.catalog} — ` : ""}${esc(s.title)}`, "");
  out.push(
    `\`scenarios/${s.id}.json\` · ${n} real run${n === 1 ? "" : "s"} (${r.runs.map((t) => t.real.runAt.slice(0, 16).replace("T", " ")).join(", ")} UTC) · model over ${r.model.length} seeds · **${r.comparison.conforms ? "conforms" : "does not conform"}**`,
    "",
  );
  out.push(`Run as: ${r.notes.map(esc).join("; ")}.`, "");
  const head = ["Outcome", ...r.runs.map((_, i) => `Real ${i + 1}`), `Model (${r.model.length} seeds)`, ""];
  out.push(`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`);
  for (const row of rows(r.comparison))
    out.push(
      `| ${esc(`${row.scope.replace(/^group /, "").replace(/^client /, "")} · ${row.name}`)} | ${row.real.map(esc).join(" | ")} | ${esc(row.model)} | ${row.ok ? "✓" : "✗"} |`,
    );
  out.push("");
  const ev = modelEvents(r.model);
  const realUnion = new Set(r.real.flatMap((o) => o.events));
  const onlyReal = [...realUnion].filter((e) => !ev.union.has(e)).sort();
  const onlyModel = [...ev.union].filter((e) => !realUnion.has(e)).sort();
  const notEvery = ev.always.filter((e) => r.real.some((o) => !o.events.includes(e)));
  out.push(
    `Events: ${[...realUnion].length} distinct in the real runs, ${ev.union.size} in the model. ` +
      `Only in real Redis: ${onlyReal.map((e) => `\`${e}\``).join(" ") || "none"}. ` +
      `Only in the model: ${onlyModel.map((e) => `\`${e}\``).join(" ") || "none"}. ` +
      `In every model seed but not in every real run: ${notEvery.map((e) => `\`${e}\``).join(" ") || "none"}. ` +
      `In some model seeds only: ${ev.sometimes.map((e) => `\`${e}\``).join(" ") || "none"}.`,
    "",
  );
  if (r.disagreements.length) {
    out.push("Disagreements:", "");
    for (const g of grouped(r.disagreements))
      out.push(
        `- _${g.source}_: ${g.finding ? `[${FINDINGS[g.finding].title}](#${anchor(FINDINGS[g.finding].title)})` : g.note} — ${g.checks.map(esc).join("; ")}`,
      );
    out.push("");
  }
  return out.join("\n");
}

export function renderReport(results: ScenarioResult[], notRun: Scenario[], redisVersion: string): string {
  const ok = results.filter((r) => r.comparison.conforms).length;
  const out: string[] = [];
  out.push(`Conformance: ${ok} of ${results.length} scenarios conform`, "");
  out.push("# Sentinel Lab against real Redis", "");
  out.push(
    `Generated by \`npm run conformance:report\` from the real runs in \`docs/conformance/runs/\` (redis-server and redis-sentinel ${redisVersion}, Debian) and the model; do not edit by hand. How the runs are made: \`conformance/README.md\`.`,
    "",
    `Every scenario is run as its conformance variant, by real Redis and by the model alike: down-after-milliseconds ${CONFORMANCE_TIMERS["down-after-milliseconds"]} and failover-timeout ${CONFORMANCE_TIMERS["failover-timeout"]}, quiet time before the first action cut to 10 s and between actions to 25 s, the run ending 30 s after the last action, and a fault shorter than the scenario's down-after scaled so that it stays shorter than 2 s. Times are from the start of the run (real: once the deployment is warm, as the model starts).`,
    "",
    `A scenario conforms when every outcome of every real run falls inside what the model produces over its seeds, widened by the tolerances (${tolText}); a "none" needs a model seed where it did not happen either; every event name of a real run must occur in some seed, and an event every seed has must occur in every real run.`,
    "",
  );
  out.push(
    "| Scenario | Real runs | Verdict | Disagreements: source, cause (failed checks × runs) |",
    "|---|---|---|---|",
  );
  for (const r of results) {
    const why = grouped(r.disagreements).map(
      (g) => `${g.source}: ${g.finding ? FINDINGS[g.finding].short : "not examined"} (${g.checks.length})`,
    );
    out.push(
      `| ${r.scenario.catalog ?? ""} ${esc(r.scenario.id)} | ${r.runs.length} | ${r.comparison.conforms ? "conforms" : "**does not conform**"} | ${why.join("; ") || "—"} |`,
    );
  }
  out.push("");
  const runnable = notRun.filter((s) => !cannotRun(s));
  if (runnable.length)
    out.push(`Not run on real Redis yet: ${runnable.map((s) => `${s.catalog ?? ""} \`${s.id}\``).join(", ")}.`, "");
  const unrunnable = notRun.filter((s) => cannotRun(s));
  if (unrunnable.length) {
    out.push("Not run on real Redis, because the harness cannot reproduce them here:", "");
    for (const s of unrunnable) out.push(`- ${s.catalog ?? ""} \`${s.id}\`: ${cannotRun(s)}.`);
    out.push("");
  }
  const used = new Map<FindingId, Set<string>>();
  for (const r of results)
    for (const d of r.disagreements)
      if (d.finding) used.set(d.finding, (used.get(d.finding) ?? new Set()).add(`\`${r.scenario.id}\``));
  const unexamined = results.flatMap((r) =>
    r.disagreements.filter((d) => d.source === "unexamined").map((d) => `${r.scenario.id}: ${d.check}`),
  );
  if (used.size || unexamined.length) {
    out.push("## Disagreements found", "");
    for (const [id, where] of used) {
      const f = FINDINGS[id];
      out.push(`### ${f.title}`, "", `Source: **${f.source}**. Seen in: ${[...where].join(", ")}.`, "", f.summary, "");
      out.push(f.evidence, "");
    }
    if (unexamined.length) {
      out.push("### Not examined yet", "");
      for (const u of unexamined) out.push(`- ${esc(u)}`);
      out.push("");
    }
  }
  const fixed = MODEL_FIXES.filter((id) => !used.has(id));
  if (fixed.length) {
    out.push(
      "## Model fixes these runs led to",
      "",
      "Disagreements the runs showed that came from the model; the model was changed, and the comparison above is with the changed model.",
      "",
    );
    for (const id of fixed)
      out.push(`### ${FINDINGS[id].title}`, "", FINDINGS[id].summary, "", FINDINGS[id].evidence, "");
  }
  out.push(
    "## Harness issues found and fixed",
    "",
    "Differences that came from the harness itself; every run in `docs/conformance/runs/` was made after these fixes.",
    "",
    ...HARNESS_FIXES.map((h) => `- ${h}`),
    "",
  );
  for (const r of results) out.push(scenarioSection(r));
  return `${out.join("\n").trimEnd()}\n`;
}

/** Compact JSON, one finding and one scenario a line (small to bundle, readable in a diff). */
function summaryText(summary: ConformanceSummary): string {
  const { findings, scenarios, ...head } = summary;
  const block = (o: Record<string, unknown>) =>
    `{\n${Object.entries(o)
      .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(",\n")}\n }`;
  const lines = Object.entries(head).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  lines.push(` "findings": ${block(findings)}`, ` "scenarios": ${block(scenarios)}`);
  return `{\n${lines.join(",\n")}\n}\n`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const i = argv.indexOf("--seeds");
  const seeds = i >= 0 ? Number(argv[i + 1]) : REPORT_SEEDS;
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 1000)
    throw new Error("--seeds needs a whole number from 1 to 1000");
  const results: ScenarioResult[] = [];
  const notRun: Scenario[] = [];
  let redisVersion = "";
  for (const { scenario } of loadScenarios()) {
    const runs = existsSync(RUNS_DIR) ? loadRuns(RUNS_DIR, scenario.id) : [];
    if (!runs.length) {
      notRun.push(scenario);
      continue;
    }
    redisVersion ||= runs[0]!.real.redisVersion;
    const r = evaluate(scenario, runs, seeds);
    results.push(r);
    console.log(
      `${scenario.id}: ${r.comparison.conforms ? "conforms" : "does not conform"} (${runs.length} runs, ${r.model.length} seeds)`,
    );
  }
  writeFileSync(REPORT_FILE, renderReport(results, notRun, redisVersion || "7.0"));
  const summary: ConformanceSummary = {
    generatedAt: new Date().toISOString(),
    redisVersion,
    timers: { ...CONFORMANCE_TIMERS },
    tolerances: tolText,
    findings: Object.fromEntries(
      [...new Set(results.flatMap((r) => r.disagreements.flatMap((d) => (d.finding ? [d.finding] : []))))]
        .sort()
        .map((id) => [id, { title: FINDINGS[id].title, source: FINDINGS[id].source, summary: FINDINGS[id].summary }]),
    ),
    scenarios: Object.fromEntries(results.map((r) => [r.scenario.id, summaryOf(r)])),
  };
  writeFileSync(SUMMARY_FILE, summaryText(summary));
  const index = Object.fromEntries([
    ...results.map((r) => [r.scenario.id, { conforms: r.comparison.conforms, runs: r.runs.length }]),
    ...notRun.flatMap((s) => {
      const why = cannotRun(s);
      return why ? [[s.id, { cannot: why }]] : [];
    }),
  ]);
  writeFileSync(INDEX_FILE, `${JSON.stringify(index, null, 1)}\n`);
  const ok = results.filter((r) => r.comparison.conforms).length;
  console.log(`Conformance: ${ok} of ${results.length} scenarios conform`);
  console.log(`wrote ${REPORT_FILE}, ${SUMMARY_FILE} and ${INDEX_FILE}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  main().then(
    () => process.exit(0),
    (e: Error) => {
      console.error(`conformance report: ${e.message}`);
      process.exit(1);
    },
  );
