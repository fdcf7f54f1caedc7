import type { ClientWrites, Interval } from "../../analysis/outcomes";
import { useLab, useLabStore } from "../../store/context";
import type { Derived } from "../../store/derive";
import { count, secs } from "../format";
import { WritesChart } from "./WritesChart";

// Per client: acknowledged, refused, unknown and lost writes; a chart over time; and each run of lost
// writes linked to the master that accepted them and the time it was accepting.

const LIST_LIMIT = 200;

function acceptingAround(derived: Derived, node: string, fromMs: number): Interval | undefined {
  return derived.accepting[node]?.find((iv) => iv.fromMs <= fromMs && iv.toMs >= fromMs);
}

function ClientCard({ c, derived, durationMs }: { c: ClientWrites; derived: Derived; durationMs: number }) {
  const store = useLabStore();
  const refused = Object.values(c.failed).reduce((a, b) => a + b, 0);
  const series = derived.series.find((s) => s.client === c.client);
  const lost = derived.lost[c.client] ?? [];
  const go = (tMs: number, node?: string) => {
    const st = store.getState();
    st.setPlaying(false);
    st.setPlayhead(tMs);
    if (node) st.select({ kind: "process", id: node });
  };
  return (
    <article className="client-card" aria-label={`Writes of ${c.client}`} data-client={c.client}>
      <h3>
        {c.client} <span className="group-tag">{c.group}</span>
      </h3>
      <dl className="counts">
        <div>
          <dt>acknowledged</dt>
          <dd data-testid={`acked-${c.client}`}>{c.acked.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>refused</dt>
          <dd>{refused.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>unknown</dt>
          <dd>{c.unknown.toLocaleString("en")}</dd>
        </div>
        <div className={c.lost ? "lost" : ""}>
          <dt>lost</dt>
          <dd data-testid={`lost-${c.client}`}>{c.lost.toLocaleString("en")}</dd>
        </div>
      </dl>
      {refused > 0 && (
        <p className="muted small">
          Refused:{" "}
          {Object.entries(c.failed)
            .map(([code, n]) => `${code} ${n} (first at ${secs(c.firstRefusalMs[code]!)})`)
            .join(", ")}
        </p>
      )}
      {series && (
        <WritesChart
          series={series}
          durationMs={durationMs}
          label={`Writes of ${c.client} over time: ${c.acked} acknowledged, ${c.lost} of them lost, ${refused} refused, ${c.unknown} unknown`}
        />
      )}
      {c.lossWindows.length > 0 && (
        <ul className="loss-windows">
          {c.lossWindows.map((w) => {
            const iv = acceptingAround(derived, w.node, w.fromMs);
            const ofWindow = lost.filter((x) => x.node === w.node && x.ackMs >= w.fromMs && x.ackMs <= w.toMs);
            return (
              <li key={`${w.node}${w.fromMs}`}>
                <p>
                  <strong className="lost-text">{count(w.count, "write")} lost</strong>: acknowledged by{" "}
                  <button type="button" className="link" onClick={() => go(w.fromMs, w.node)}>
                    {w.node}
                  </button>{" "}
                  between{" "}
                  <button type="button" className="link" onClick={() => go(w.fromMs)}>
                    {secs(w.fromMs)}
                  </button>{" "}
                  and{" "}
                  <button type="button" className="link" onClick={() => go(w.toMs)}>
                    {secs(w.toMs)}
                  </button>
                  {iv && (
                    <span className="muted">
                      {" "}
                      ({w.node} accepted writes as a master from {secs(iv.fromMs)} to {secs(iv.toMs)}; the final master
                      does not hold them)
                    </span>
                  )}
                </p>
                <details>
                  <summary>Each lost write</summary>
                  <ol className="lost-list">
                    {ofWindow.slice(0, LIST_LIMIT).map((x) => (
                      <li key={x.index}>
                        <button type="button" className="link mono" onClick={() => go(x.ackMs, x.node)}>
                          {x.value}
                        </button>{" "}
                        acked by {x.node} at {secs(x.ackMs)}
                      </li>
                    ))}
                  </ol>
                  {ofWindow.length > LIST_LIMIT && (
                    <p className="muted small">and {count(ofWindow.length - LIST_LIMIT, "more write")}</p>
                  )}
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}

export function WritesPanel() {
  const run = useLab((s) => s.run);
  const durationMs = useLab((s) => s.scenario.durationMs);
  if (!run) return <p className="muted">Simulating…</p>;
  const { derived } = run;
  if (!derived.clients.length) return <p className="muted">This scenario has no clients.</p>;
  return (
    <div className="writes">
      <p className="legend" aria-hidden>
        <span className="key kept" /> acknowledged and kept <span className="key lost" /> acknowledged, then lost{" "}
        <span className="key refused" /> refused <span className="key unknown" /> unknown (timed out)
      </p>
      {derived.clients.map((c) => (
        <ClientCard key={c.client} c={c} derived={derived} durationMs={durationMs} />
      ))}
    </div>
  );
}
