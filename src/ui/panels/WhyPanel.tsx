import { useMemo } from "react";
import { explainAll } from "../../analysis/explain";
import { lastAtOrBefore, snapAt } from "../../analysis/stateAt";
import type { Trace } from "../../model/trace";
import { useLab, useLabStore } from "../../store/context";
import { secs } from "../format";
import { SentinelTable } from "./SentinelTable";

// "Why is there no failover?" / "Why did this failover happen?" at the playhead, then each Sentinel's view.

/**
 * What the explanation at t depends on: the events so far, each Sentinel's and the network's snapshot, and
 * each Redis's role and health (not its offset, which moves all the time). While it stays the same, the
 * answer is reused instead of recomputed on every frame.
 */
function stateKey(trace: Trace, t: number): string {
  const parts: Array<string | number> = [lastAtOrBefore(trace.events, t), lastAtOrBefore(trace.timelines.net, t)];
  for (const list of Object.values(trace.timelines.sentinel)) parts.push(lastAtOrBefore(list, t));
  for (const list of Object.values(trace.timelines.redis)) {
    const s = snapAt(list, t);
    parts.push(s ? `${s.role}${s.alive}${s.paused}${s.accepting}${s.master}` : "-");
  }
  return parts.join(",");
}

export function WhyPanel() {
  const store = useLabStore();
  const run = useLab((s) => s.run);
  const t = useLab((s) => s.playheadMs);
  const key = run ? stateKey(run.trace, t) : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the state behind it changes, not every frame
  const answers = useMemo(() => (run ? explainAll(run.trace, run.scenario, t) : []), [run, key]);
  if (!run) return <p className="muted">Simulating…</p>;
  return (
    <div className="why">
      {answers.map((a) => (
        <article key={a.group} className={`why-card verdict-${a.verdict}`} aria-label={`${a.question} (${a.group})`}>
          <h3>
            {a.question} <span className="group-tag">{a.group}</span>
          </h3>
          <p className="answer" data-testid={`why-${a.group}`}>
            {a.summary}
          </p>
          {a.details.length > 0 && (
            <ol className="steps">
              {a.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ol>
          )}
          {a.refs.length > 0 && (
            <p className="refs">
              {a.refs.map((r) => (
                <button
                  key={`${r.label}${r.tMs}`}
                  type="button"
                  className="link"
                  onClick={() => {
                    store.getState().setPlaying(false);
                    store.getState().setPlayhead(r.tMs);
                  }}
                >
                  {r.label} at {secs(r.tMs)}
                </button>
              ))}
            </p>
          )}
        </article>
      ))}
      <SentinelTable />
    </div>
  );
}
