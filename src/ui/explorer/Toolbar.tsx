import { OUTCOME_KINDS, OUTCOME_LABELS } from "../../sweep/classify";
import type { RowFilter, SortKey } from "./rows";

// Filter and sort the rows of the matrix.

interface Props {
  filter: RowFilter;
  sort: SortKey;
  onFilter: (f: RowFilter) => void;
  onSort: (s: SortKey) => void;
  shown: number;
  total: number;
}

const FILTERS: Array<{ value: string; label: string; filter: RowFilter }> = [
  { value: "all", label: "all cases", filter: { by: "all" } },
  ...OUTCOME_KINDS.map((kind) => ({
    value: kind,
    label: `any cell: ${OUTCOME_LABELS[kind]}`,
    filter: { by: "kind", kind } as RowFilter,
  })),
  { value: "unsettled", label: "seeds disagree", filter: { by: "unsettled" } },
  { value: "partition", label: "partitions only", filter: { by: "case-kind", kind: "partition" } },
  { value: "crash", label: "crashes only", filter: { by: "case-kind", kind: "crash" } },
  { value: "cut", label: "one-way cuts only", filter: { by: "case-kind", kind: "cut" } },
];

function filterValue(f: RowFilter): string {
  return f.by === "kind" || f.by === "case-kind" ? f.kind : f.by;
}

export function Toolbar(props: Props) {
  return (
    <div className="explorer-toolbar">
      <label>
        Show
        <select
          value={filterValue(props.filter)}
          onChange={(e) => props.onFilter(FILTERS.find((f) => f.value === e.target.value)?.filter ?? { by: "all" })}
        >
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sort by
        <select
          value={props.sort.by === "column" ? "column" : props.sort.by}
          onChange={(e) => {
            const v = e.target.value;
            props.onSort(
              v === "worst-loss" ? { by: "worst-loss" } : v === "severity" ? { by: "severity" } : { by: "case" },
            );
          }}
        >
          <option value="case">case order</option>
          <option value="worst-loss">worst loss</option>
          <option value="severity">worst outcome</option>
          {props.sort.by === "column" && <option value="column">column (click its header again to clear)</option>}
        </select>
      </label>
      <span className="explorer-count">
        {props.shown} of {props.total} cases
      </span>
    </div>
  );
}
