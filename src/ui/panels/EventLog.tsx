import { memo, useCallback, useEffect, useMemo, useRef } from "react";
import { formatEvent } from "../../analysis/log";
import { lastAtOrBefore } from "../../analysis/stateAt";
import type { TraceEvent } from "../../model/trace";
import { useLab, useLabStore } from "../../store/context";
import { downloadText, logText } from "../exporters";

// The run's log in Sentinel's own format, filterable by process. The line at the playhead is highlighted;
// clicking a line moves the playhead there.

interface Line {
  index: number;
  tMs: number;
  text: string;
  level: TraceEvent["level"];
}

// Re-renders only when the playhead crosses an event, not on every frame.
const Lines = memo(function Lines({
  lines,
  current,
  onPick,
}: {
  lines: Line[];
  current: number;
  onPick: (tMs: number) => void;
}) {
  return (
    <>
      {lines.map((l) => (
        <li
          key={l.index}
          data-index={l.index}
          className={`lvl-${l.level}${l.index === current ? " current" : ""}`}
          aria-current={l.index === current ? "true" : undefined}
        >
          <button type="button" onClick={() => onPick(l.tMs)}>
            {l.text}
          </button>
        </li>
      ))}
    </>
  );
});

export function EventLog() {
  const store = useLabStore();
  const run = useLab((s) => s.run);
  const filter = useLab((s) => s.logFilter);
  const t = useLab((s) => s.playheadMs);
  const listRef = useRef<HTMLOListElement>(null);
  const processes = useMemo(() => {
    if (!run) return [];
    const ids = run.trace.processes.filter((p) => p.kind !== "client" || filter.verbose).map((p) => p.id);
    return [...ids, "operator"];
  }, [run, filter.verbose]);
  const lines = useMemo(() => {
    if (!run) return [];
    const only = filter.processes.length ? new Set(filter.processes) : null;
    const out: Line[] = [];
    run.trace.events.forEach((e, index) => {
      if (only && !only.has(e.process)) return;
      // Client chatter and role changes are verbose; Sentinel's own log shows neither by default.
      if (!filter.verbose && (e.level === "V" || e.name.startsWith("client-"))) return;
      out.push({ index, tMs: e.tMs, text: formatEvent(e), level: e.level });
    });
    return out;
  }, [run, filter]);
  const current = lastAtOrBefore(lines, t);
  const currentIndex = lines[current]?.index ?? -1;
  useEffect(() => {
    const list = listRef.current;
    const li = list?.querySelector<HTMLLIElement>(`li[data-index="${currentIndex}"]`);
    if (!list || !li) return;
    // The list is the line's offset parent (position: relative), so offsetTop is within the list.
    const top = li.offsetTop;
    const margin = 24;
    if (top < list.scrollTop + margin || top + li.offsetHeight > list.scrollTop + list.clientHeight - margin)
      list.scrollTop = Math.max(0, top - list.clientHeight / 3);
  }, [currentIndex]);
  const onPick = useCallback(
    (tMs: number) => {
      store.getState().setPlaying(false);
      store.getState().setPlayhead(tMs);
    },
    [store],
  );
  if (!run) return <p className="muted">Simulating…</p>;
  const toggle = (id: string) => {
    const set = new Set(filter.processes);
    if (set.has(id)) set.delete(id);
    else set.add(id);
    store.getState().setLogFilter({ processes: [...set] });
  };
  return (
    <div className="log">
      <fieldset className="log-filter">
        <legend>Show lines of</legend>
        {processes.map((id) => (
          <label key={id} className="chip">
            <input
              type="checkbox"
              checked={filter.processes.length === 0 || filter.processes.includes(id)}
              onChange={() =>
                filter.processes.length === 0 ? store.getState().setLogFilter({ processes: [id] }) : toggle(id)
              }
            />
            {id}
          </label>
        ))}
        <button type="button" className="small" onClick={() => store.getState().setLogFilter({ processes: [] })}>
          all
        </button>
        <label className="chip">
          <input
            type="checkbox"
            checked={filter.verbose}
            onChange={(e) => store.getState().setLogFilter({ verbose: e.target.checked })}
          />
          clients and role changes
        </label>
        <button
          type="button"
          className="small"
          onClick={() => downloadText(`${run.scenario.id}.log`, logText(run.trace), "text/plain")}
        >
          Export log
        </button>
      </fieldset>
      <p className="muted small">
        {lines.length} lines · <code>#</code> warning, <code>*</code> notice, <code>-</code> verbose, as in Sentinel's
        own log
      </p>
      <ol className="log-lines" ref={listRef} aria-label="Event log">
        <Lines lines={lines} current={currentIndex} onPick={onPick} />
      </ol>
    </div>
  );
}
