import { lazy, Suspense, useState } from "react";
import type { SeedVerdict } from "../../analysis/expectations";
import { background } from "../../store/background";
import { useLab } from "../../store/context";
import { secs } from "../format";
import { VERDICT_TEXT, verdictOf } from "../verdicts";

// The scenario as written (title, description as plain text), its expected outcomes with pass/fail for this
// run, a check over several seeds, and the slot for the comparison with real Redis.

const EXTRA_SEEDS = 19;

// The real-run figures (src/ui/conformance-summary.json) load after the first paint, not with the page.
const ConformancePanel = lazy(() => import("../ConformancePanel").then((m) => ({ default: m.ConformancePanel })));

export function RunPanel() {
  const scenario = useLab((s) => s.scenario);
  const run = useLab((s) => s.run);
  const [seeds, setSeeds] = useState<{ for: typeof scenario; verdicts: SeedVerdict[]; n: number } | "running" | null>(
    null,
  );
  const checkSeeds = async () => {
    setSeeds("running");
    const res = await background({ kind: "seeds", scenario, extraSeeds: EXTRA_SEEDS });
    if (res.ok && res.kind === "seeds") setSeeds({ for: scenario, verdicts: res.verdicts, n: res.seeds });
    else setSeeds(null);
  };
  const seedResult = seeds && seeds !== "running" && seeds.for === scenario ? seeds : null;
  return (
    <div className="run-panel">
      <h2 className="scenario-title">
        {scenario.catalog && <span className="badge catalog">{scenario.catalog}</span>} {scenario.title}
      </h2>
      {scenario.tags.length > 0 && (
        <p className="tags">
          {scenario.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </p>
      )}
      <p className="description">{scenario.description || "No description."}</p>
      <h3>Expected outcomes</h3>
      {!scenario.expect.length && <p className="muted">This scenario states no expectations.</p>}
      {run && run.scenario === scenario ? (
        <ul className="expectations" aria-label="Expected outcomes for this run">
          {run.derived.expectations.map((e) => {
            const share = scenario.expect[e.index]?.share;
            return (
              <li key={e.index} className={verdictOf(e, scenario)} data-pass={e.pass}>
                <span className="verdict">{VERDICT_TEXT[verdictOf(e, scenario)]}</span> {e.label}
                <div className="muted small">
                  this run: {e.actual}
                  {share && ` · expected on ${Math.round(share.min * 100)}–${Math.round(share.max * 100)}% of seeds`}
                </div>
                {seedResult && (
                  <div className="small">
                    over {seedResult.n} seeds: held on {seedResult.verdicts[e.index]!.held}{" "}
                    {seedResult.verdicts[e.index]!.pass ? "✓" : "✗ (outside the expected share)"}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">Simulating…</p>
      )}
      {scenario.expect.length > 0 && (
        <button type="button" className="small" disabled={seeds === "running"} onClick={checkSeeds}>
          {seeds === "running" ? "Checking…" : `Check over ${EXTRA_SEEDS + 1} seeds`}
        </button>
      )}
      <Suspense fallback={<p className="muted small">Loading what real Redis did…</p>}>
        <ConformancePanel scenario={scenario} />
      </Suspense>
      {run && (
        <p className="muted small run-info">
          Simulated {secs(run.trace.endMs)} in {Math.round(run.simMs)} ms (seed {run.trace.seed}):{" "}
          {run.trace.events.length.toLocaleString("en")} events, {run.derived.historyLength.toLocaleString("en")}{" "}
          history entries
          {run.trace.endReason !== "duration" && `; stopped early (${run.trace.endReason})`}.
        </p>
      )}
    </div>
  );
}
