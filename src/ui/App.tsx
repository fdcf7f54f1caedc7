import { useMemo } from "react";
import { formatSummary } from "../analysis/report";
import { summarize } from "../analysis/summary";
import { simulate } from "../model/simulate";
import { defaultScenario } from "./catalog";

export function App() {
  const scenario = defaultScenario();
  const summary = useMemo(() => (scenario ? summarize(scenario, simulate(scenario)) : null), [scenario]);
  if (!scenario || !summary) return <p role="alert">No scenario is bundled with this build.</p>;
  return (
    <main>
      <h1>Sentinel Lab</h1>
      <h2>{scenario.title}</h2>
      <p>{scenario.description}</p>
      <pre data-testid="summary">{formatSummary(summary)}</pre>
    </main>
  );
}
