import { createRunner } from "./simClient";
import type { LabStore } from "./store";

// Every scenario change reruns the simulation (off the main thread); the result replaces the trace only if
// it belongs to the scenario on screen.

export function startSimulation(store: LabStore): () => void {
  const run = createRunner((scenario, res) => {
    const st = store.getState();
    if (!res.ok) {
      st.setRunError(res.error);
      st.notify({ kind: "error", title: "The simulation stopped with an error", problems: [res.error] });
      return;
    }
    if (res.kind !== "run" || scenario !== st.scenario) return;
    st.setRun({ scenario, trace: res.trace, derived: res.derived, simMs: res.simMs });
  });
  run(store.getState().scenario);
  return store.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) run(s.scenario);
  });
}
