import type { BoxSpec } from "../../scenario/schema";
import { OUTCOME_KINDS, OUTCOME_LABELS } from "../../sweep/classify";

// What the colours and marks of the matrix mean, and the box numbers used in its diagrams.

export function Legend({
  boxes,
  masterBoxes,
  refining,
}: {
  boxes: readonly BoxSpec[];
  masterBoxes: ReadonlySet<string>;
  /** Some cells lack some of their seeds (drawn faded): "running" while they still come, "stopped" if not. */
  refining: "running" | "stopped" | null;
}) {
  return (
    <div className="explorer-legends">
      <ul className="explorer-legend" aria-label="Colours">
        {OUTCOME_KINDS.map((k) => (
          <li key={k}>
            <span className={`explorer-swatch kind-${k}`} />
            {OUTCOME_LABELS[k]}
          </li>
        ))}
        <li>
          <span className="explorer-swatch two-masters" />
          two masters took writes
        </li>
        <li>≠1/5: one seed of five had another outcome</li>
        {refining && (
          <li>
            <span className="explorer-swatch kind-unavailable provisional" />
            {refining === "running" ? "faded: its other seeds still running" : "faded: some of its seeds did not run"}
          </li>
        )}
      </ul>
      <ol className="explorer-boxes" aria-label="Boxes">
        {boxes.map((b) => (
          <li key={b.id} className={masterBoxes.has(b.id) ? "master" : ""}>
            <b>{b.id}</b> {b.processes.map((p) => p.id).join(" ")}
          </li>
        ))}
      </ol>
    </div>
  );
}
