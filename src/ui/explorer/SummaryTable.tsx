import { type ColumnSummary, formatSeconds, recommend } from "../../sweep/summary";

// Per quorum: how often and how badly each risk shows up, then the recommendation with its trade-off.

export function SummaryTable({ summaries, complete }: { summaries: readonly ColumnSummary[]; complete: boolean }) {
  const recommendation = recommend(summaries);
  return (
    <section className="explorer-summary" aria-label="Summary per quorum">
      <table>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Cases</th>
            <th scope="col">Two masters</th>
            <th scope="col">Lost writes: cases</th>
            <th scope="col">worst</th>
            <th scope="col">typical</th>
            <th scope="col">Unavailable: cases</th>
            <th scope="col">longest</th>
            <th scope="col">in all</th>
            <th scope="col">Seeds differ</th>
          </tr>
        </thead>
        <tbody>
          {summaries.map((s) => (
            <tr key={s.label}>
              <th scope="row">{s.label}</th>
              <td>{s.cases}</td>
              <td className={s.splitBrainCases ? "bad" : ""}>
                {s.splitBrainCases ? `${s.splitBrainCases} (≤ ${formatSeconds(s.splitBrainMsWorst)})` : "0"}
              </td>
              <td className={s.lostCases ? "bad" : ""}>{s.lostCases}</td>
              <td>{s.lostWorst}</td>
              <td>{s.lostTypical}</td>
              <td>{s.unavailableCases}</td>
              <td>{formatSeconds(s.unavailableMsWorst)}</td>
              <td>{formatSeconds(s.unavailableMsTotal)}</td>
              <td>{s.unsettledCases}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {recommendation && (
        <p className="explorer-recommendation" data-testid="explorer-recommendation">
          {complete ? "" : "So far: "}
          {recommendation}
        </p>
      )}
    </section>
  );
}
