import { useLab, useLabStore } from "../../store/context";
import { secs } from "../format";
import { tally, tallyText } from "../verdicts";

// The run at a glance, always in view: failovers, split brain, lost writes, expectations.

export function RunSummary() {
  const store = useLabStore();
  const run = useLab((s) => s.run);
  if (!run) return <div className="run-summary muted">Simulating…</div>;
  const { derived } = run;
  const go = (tMs: number) => {
    store.getState().setPlaying(false);
    store.getState().setPlayhead(tMs);
  };
  const lost = derived.clients.reduce((a, c) => a + c.lost, 0);
  const t = tally(derived.expectations, run.scenario);
  return (
    <div className="run-summary" data-testid="run-summary">
      {derived.groups.map((g) => (
        <div key={g.group} className="summary-line">
          {derived.groups.length > 1 && <span className="group-tag">{g.group}</span>}
          {g.failovers.length ? (
            g.failovers.map((f) => (
              <button key={f.tMs} type="button" className="chip-btn switch" onClick={() => go(f.tMs)}>
                failover → {f.to} at {secs(f.tMs)}
              </button>
            ))
          ) : (
            <span className="chip-btn none">no failover</span>
          )}
          {g.splitBrains.map((b) => (
            <button key={b.fromMs} type="button" className="chip-btn split" onClick={() => go(b.fromMs)}>
              split brain {secs(b.toMs - b.fromMs)}
            </button>
          ))}
        </div>
      ))}
      <div className="summary-line">
        <button
          type="button"
          className={`chip-btn ${lost ? "lost" : "none"}`}
          onClick={() => store.getState().setPanel("writes")}
        >
          {lost ? `${lost.toLocaleString("en")} acknowledged writes lost` : "no lost writes"}
        </button>
        {derived.expectations.length > 0 && (
          <button
            type="button"
            className={`chip-btn ${t.fail ? "fail" : "pass"}`}
            onClick={() => store.getState().setPanel("run")}
          >
            expectations {tallyText(t)}
          </button>
        )}
      </div>
    </div>
  );
}
