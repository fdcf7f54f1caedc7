import type { Scenario } from "../scenario/schema";
import summaryJson from "./conformance-summary.json";
import { type ConformanceSummary, type ScenarioConformance, scenarioFingerprint } from "./conformanceSummary";

// "Checked against Redis 7.0": what real redis-server and redis-sentinel did when this scenario was run by the
// conformance harness (conformance/), next to what the model does on the same variant. The figures come from
// src/ui/conformance-summary.json, generated with docs/conformance.md by `npm run conformance:report`.

const summary = summaryJson as unknown as ConformanceSummary;

const SOURCE_TEXT: Record<string, string> = {
  model: "the model",
  harness: "the harness",
  race: "a race real Redis wins either way",
  unexamined: "not examined yet",
};

export function conformanceFor(scenario: Scenario): ScenarioConformance | undefined {
  return summary.scenarios[scenario.id];
}

function label(scope: string, name: string): string {
  const who = scope.replace(/^group /, "").replace(/^client /, "");
  return `${who} · ${name}`;
}

export function ConformancePanel({ scenario }: { scenario: Scenario }) {
  const c = conformanceFor(scenario);
  if (!c)
    return (
      <section className="conformance-panel" aria-label="Checked against Redis 7.0">
        <h3>Checked against Redis 7.0</h3>
        <p className="muted small">This scenario has not been run on real Redis yet.</p>
      </section>
    );
  const edited = scenarioFingerprint(scenario) !== c.fingerprint;
  const date = [...c.runAt].sort().at(-1)?.slice(0, 10) ?? "";
  const failed = c.rows.filter((r) => !r.ok).length;
  return (
    <section className="conformance-panel" aria-label="Checked against Redis 7.0" data-testid="conformance-panel">
      <h3>
        Checked against Redis {summary.redisVersion.split(".").slice(0, 2).join(".") || "7.0"}{" "}
        <span
          className={`chip-btn ${c.conforms ? "pass" : "fail"}`}
          title={c.conforms ? "every real outcome falls within the model's range" : "see the rows marked ✗"}
        >
          {c.conforms ? "conforms" : "differs"}
        </span>
      </h3>
      <p className="muted small">
        {c.runs} real run{c.runs === 1 ? "" : "s"} of redis-server and redis-sentinel {summary.redisVersion}
        {date && ` (${date})`} next to the model over {c.seeds} seeds, both with down-after{" "}
        {summary.timers["down-after-milliseconds"] / 1000} s and failover-timeout{" "}
        {summary.timers["failover-timeout"] / 1000} s, quiet time cut. Tolerances: {summary.tolerances}.
      </p>
      {edited && (
        <p className="small" role="note">
          This scenario has been edited: the figures below are for the shipped version.
        </p>
      )}
      <table className="conformance-table small" style={{ borderCollapse: "collapse", width: "100%" }}>
        <caption className="muted small" style={{ textAlign: "left" }}>
          Real runs separated by “/”; times (s) from the start of the run
          {failed ? `; ${failed} outside the model's range` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: "left" }}>
              Outcome
            </th>
            <th scope="col" style={{ textAlign: "left" }}>
              Real Redis{c.runs > 1 ? ` (${c.runs} runs)` : ""}
            </th>
            <th scope="col" style={{ textAlign: "left" }}>
              Model
            </th>
            <th scope="col">Agrees</th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={`${r.scope}·${r.name}`} data-ok={r.ok}>
              <th scope="row" style={{ textAlign: "left", fontWeight: "normal" }}>
                {label(r.scope, r.name)}
              </th>
              <td>{r.real.join(" / ")}</td>
              <td>{r.model}</td>
              <td aria-label={r.ok ? "agrees" : "differs"}>{r.ok ? "✓" : "✗"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.disagreements.length > 0 && (
        <details>
          <summary className="small">
            {c.disagreements.length} disagreement{c.disagreements.length === 1 ? "" : "s"}, and where they come from
          </summary>
          <ul className="small">
            {c.disagreements.map((d) => {
              const f = d.finding ? summary.findings[d.finding] : undefined;
              return (
                <li key={d.check}>
                  <strong>{f ? f.title : d.check}</strong> (from {SOURCE_TEXT[d.source] ?? d.source})
                  {f && <div className="muted">{d.check}</div>}
                  <div>{f ? f.summary : d.note}</div>
                </li>
              );
            })}
          </ul>
        </details>
      )}
      <p className="muted small">Full report: docs/conformance.md.</p>
    </section>
  );
}
