import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { replaceScenario } from "../scenario/editConfig";
import type { Scenario } from "../scenario/schema";
import { useLab, useLabStore } from "../store/context";
import { EDIT_MARK } from "../store/scenarioSlice";
import { Gallery } from "./gallery/Gallery";
import { Messages } from "./Messages";
import { SidePanel } from "./panels/SidePanel";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { StageToolbar } from "./StageToolbar";
import { TopBar } from "./TopBar";
import { Timeline } from "./timeline/Timeline";
import { Topology } from "./topology/Topology";
import { usePlayback } from "./usePlayback";
import { useShortcuts } from "./useShortcuts";
import { WhatIfBanner } from "./WhatIfBanner";

// The explorer is its own chunk: most visits never open it.
const Explorer = lazy(() => import("./explorer/Explorer").then((m) => ({ default: m.Explorer })));

/** Ends the edit-to-render measurement once the new run has been drawn (read by bench/ui.ts). */
function useEditToRender(): void {
  const run = useLab((s) => s.run);
  useEffect(() => {
    const marked = () => performance.getEntriesByName(EDIT_MARK).length > 0;
    if (!run || !marked()) return;
    requestAnimationFrame(() => {
      // Another run may have been drawn in between and taken the measurement already.
      if (!marked()) return;
      performance.measure("sentinel-lab:edit-to-render", EDIT_MARK);
      performance.clearMarks(EDIT_MARK);
    });
  }, [run]);
}

function Lab() {
  const whatIf = useLab((s) => s.scenario.whatIf?.failoverWithoutMajority ?? false);
  useEditToRender();
  return (
    <main className="lab">
      <section className={`stage${whatIf ? " whatif" : ""}`} aria-label="Topology and timeline">
        <StageToolbar />
        <Topology />
        <Timeline />
      </section>
      <SidePanel />
    </main>
  );
}

export function App() {
  const store = useLabStore();
  const view = useLab((s) => s.view);
  const scenario = useLab((s) => s.scenario);
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  usePlayback(store);
  useShortcuts(store, openHelp);
  const openCase = useCallback(
    (s: Scenario, playheadMs: number) => {
      const st = store.getState();
      if (st.edit(replaceScenario(s, "open a case from the explorer")).ok || st.scenario === s) {
        st.setPlayhead(playheadMs);
        st.setView("lab");
      }
    },
    [store],
  );
  return (
    <div className={`app view-${view}`}>
      <TopBar onShortcuts={openHelp} />
      <Messages />
      <WhatIfBanner />
      {view === "lab" && <Lab />}
      {view === "gallery" && <Gallery />}
      {view === "explorer" && (
        <Suspense fallback={<p className="muted">Loading the explorer…</p>}>
          <Explorer scenario={scenario} onOpenCase={openCase} />
        </Suspense>
      )}
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
