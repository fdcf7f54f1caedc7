import { type KeyboardEvent, useRef } from "react";
import { useLab } from "../../store/context";
import type { PanelId } from "../../store/uiSlice";
import { EventLog } from "./EventLog";
import { Inspector } from "./Inspector";
import { RunPanel } from "./RunPanel";
import { RunSummary } from "./RunSummary";
import { WhyPanel } from "./WhyPanel";
import { WritesPanel } from "./WritesPanel";
import "./panels.css";
import "./editor.css";

// Tabs beside the topology; every one reads the same playhead.

const TABS: Array<[PanelId, string]> = [
  ["why", "Why"],
  ["writes", "Writes"],
  ["log", "Log"],
  ["inspect", "Inspect & edit"],
  ["run", "Scenario"],
];

export function SidePanel() {
  const panel = useLab((s) => s.panel);
  const setPanel = useLab((s) => s.setPanel);
  const tabs = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex(([id]) => id === panel);
    const next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    const [id] = TABS[(next + TABS.length) % TABS.length]!;
    setPanel(id);
    tabs.current?.querySelector<HTMLButtonElement>(`#tab-${id}`)?.focus();
  };
  return (
    <aside className="side-panel" aria-label="Details">
      <RunSummary />
      <div className="tabs" role="tablist" aria-label="Details" ref={tabs} onKeyDown={onKey}>
        {TABS.map(([id, label]) => (
          <button
            key={id}
            id={`tab-${id}`}
            type="button"
            role="tab"
            aria-selected={panel === id}
            aria-controls={`panel-${id}`}
            tabIndex={panel === id ? 0 : -1}
            onClick={() => setPanel(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`}>
        {panel === "why" && <WhyPanel />}
        {panel === "writes" && <WritesPanel />}
        {panel === "log" && <EventLog />}
        {panel === "inspect" && <Inspector />}
        {panel === "run" && <RunPanel />}
      </div>
    </aside>
  );
}
