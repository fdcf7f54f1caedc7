import { createRunner } from "./simClient";
import type { LabStore } from "./store";

// Every scenario change reruns the simulation (off the main thread); the result replaces the trace only if
// it belongs to the scenario on screen. A drag asks for its likely outcome ahead of the drop (speculate).

export function startSimulation(store: LabStore): () => void {
  const runner = createRunner(
    (scenario, res) => {
      const st = store.getState();
      if (scenario !== st.scenario) return;
      st.setRun({ scenario, trace: res.trace, derived: res.derived, simMs: res.simMs });
    },
    (error) => {
      const st = store.getState();
      st.setRunError(error);
      st.notify({ kind: "error", title: "The simulation stopped with an error", problems: [error] });
    },
  );
  store.setState({ speculate: runner.speculate });
  runner.run(store.getState().scenario);
  return store.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) runner.run(s.scenario);
  });
}
