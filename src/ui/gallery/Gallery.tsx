import { useEffect, useState } from "react";
import type { ExpectationResult } from "../../analysis/expectations";
import { replaceScenario } from "../../scenario/editConfig";
import type { Scenario } from "../../scenario/schema";
import { background } from "../../store/background";
import { useLabStore } from "../../store/context";
import { OPENING_PLAYHEAD_MS } from "../../store/playbackSlice";
import { type CatalogEntry, catalog } from "../catalog";
import { tally, tallyText, VERDICT_TEXT, verdictOf } from "../verdicts";
import "./gallery.css";

// Every shipped scenario with its description and its expected outcomes, checked by running it (in the
// background worker, one after another, as the gallery is shown).

type Check = { results: ExpectationResult[] } | "error";

/** Shipped scenarios do not change while the app runs: each is checked once per visit. */
const checked = new Map<string, Check>();

function useChecks(entries: CatalogEntry[]): Map<string, Check> {
  const [checks, setChecks] = useState(() => new Map(checked));
  useEffect(() => {
    let alive = true;
    (async () => {
      for (const e of entries) {
        if (!alive) return;
        if (checked.has(e.file)) continue;
        const res = await background({ kind: "check", scenario: e.scenario });
        const check: Check = res.ok && res.kind === "check" ? { results: res.results } : "error";
        checked.set(e.file, check);
        if (alive) setChecks(new Map(checked));
      }
    })();
    return () => {
      alive = false;
    };
  }, [entries]);
  return checks;
}

function Card({
  entry,
  check,
  onOpen,
}: {
  entry: CatalogEntry;
  check: Check | undefined;
  onOpen: (s: Scenario) => void;
}) {
  const s = entry.scenario;
  const t = check && check !== "error" ? tally(check.results, s) : null;
  return (
    <li
      className={`card${s.whatIf?.failoverWithoutMajority ? " whatif" : ""}`}
      data-catalog={s.catalog}
      data-scenario={s.id}
    >
      <h3>
        {s.catalog && <span className="badge catalog">{s.catalog}</span>} {s.title}
      </h3>
      {s.whatIf?.failoverWithoutMajority && <p className="badge hypothetical">Hypothetical what-if mode</p>}
      <p className="description clamp">{s.description}</p>
      <details className="expect">
        <summary>
          {check === undefined
            ? "Checking the expected outcomes…"
            : check === "error"
              ? "The run failed"
              : `Expected outcomes: ${t ? tallyText(t) : ""} ${t?.fail ? "✗" : "✓"}`}
        </summary>
        {check && check !== "error" && (
          <ul className="expectations">
            {check.results.map((r) => (
              <li key={r.index} className={verdictOf(r, s)}>
                <span className="verdict">{VERDICT_TEXT[verdictOf(r, s)]}</span> {r.label}
              </li>
            ))}
          </ul>
        )}
      </details>
      <button
        type="button"
        className="primary"
        onClick={() => onOpen(s)}
        aria-label={`Open ${s.catalog ?? ""} ${s.title}`}
      >
        Open
      </button>
    </li>
  );
}

export function Gallery() {
  const store = useLabStore();
  const checks = useChecks(catalog);
  const open = (s: Scenario) => {
    const st = store.getState();
    const r = st.edit(replaceScenario(s, `open ${s.catalog ?? s.id}`), { quiet: true });
    // Opening the scenario already on screen changes nothing, and is fine.
    if (!r.ok && !r.problems.every((p) => p.endsWith("it changes nothing"))) {
      st.notify({ kind: "error", title: "That scenario could not be opened", problems: r.problems });
      return;
    }
    st.setPlaying(false);
    st.setPlayhead(OPENING_PLAYHEAD_MS);
    st.select(null);
    st.setView("lab");
  };
  return (
    <main className="gallery">
      <h2>Scenario gallery</h2>
      <p className="muted">
        The examples of the Redis Sentinel documentation and other known cases. Open one, then drag boxes, change
        settings, and see what changes.
      </p>
      <ul className="cards">
        {catalog.map((e) => (
          <Card key={e.file} entry={e} check={checks.get(e.file)} onOpen={open} />
        ))}
      </ul>
    </main>
  );
}
