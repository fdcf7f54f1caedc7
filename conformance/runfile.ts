import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Op } from "../src/model/trace";
import type { RealTrace } from "./harness";

// The file a real run is saved in (docs/conformance/runs/<scenario-id>-<n>.json): the run's Trace as plain
// JSON, except its history, which is stored as one compact row per operation (a run of five clients has
// thousands of operations; as objects they would make the committed runs several times larger). Rows keep
// everything the analysis needs to recompute lost writes, and decodeRun gives the Trace back unchanged.

export const RUN_FORMAT = "sentinel-lab/conformance-run";
export const RUN_VERSION = 1;

/** [timeMs, process, type, value, node, error]: value is the sequence number when it is `<process>-<n>`. */
export type HistoryRow = [number, string, Op["type"], number | string, string | null, string | null];

export const HISTORY_ROW_FIELDS = ["timeMs", "process", "type", "value", "node", "error"] as const;

function toRow(op: Op): HistoryRow {
  const m = /^(.*)-(\d+)$/.exec(op.value ?? "");
  const value = m && m[1] === op.process && String(Number(m[2])) === m[2] ? Number(m[2]) : (op.value ?? "");
  return [op.timeMs, op.process, op.type, value, op.node ?? null, op.error ?? null];
}

function fromRow(r: HistoryRow, index: number): Op {
  const [timeMs, process, type, value, node, error] = r;
  const op: Op = {
    index,
    type,
    f: "write",
    value: typeof value === "number" ? `${process}-${value}` : value,
    process,
    timeMs,
  };
  if (node !== null) op.node = node;
  if (error !== null) op.error = error;
  return op;
}

/** The text of a run file: one top-level field a line, and one event, action or history row a line. */
export function encodeRun(trace: RealTrace): string {
  const { history, ...rest } = trace;
  if (history.some((o) => o.f !== "write"))
    throw new Error("encodeRun: the compact history only holds writes (f = write)");
  const doc: Record<string, unknown> = {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    ...rest,
    historyFields: HISTORY_ROW_FIELDS,
    historyRows: history.map(toRow),
  };
  const perLine = new Set(["events", "actions", "historyRows", "processes", "groups"]);
  const lines = Object.entries(doc).map(([k, v]) => {
    if (perLine.has(k) && Array.isArray(v))
      return v.length ? `"${k}": [\n  ${v.map((x) => JSON.stringify(x)).join(",\n  ")}\n ]` : `"${k}": []`;
    return `"${k}": ${JSON.stringify(v)}`;
  });
  return `{\n ${lines.join(",\n ")}\n}\n`;
}

/** A run file back to its Trace; files written before the compact format (with `history`) load as they are. */
export function decodeRun(text: string): RealTrace {
  const doc = JSON.parse(text) as Record<string, unknown>;
  if (Array.isArray(doc.history)) return doc as unknown as RealTrace;
  if (doc.format !== RUN_FORMAT) throw new Error(`not a conformance run file (format ${String(doc.format)})`);
  if (doc.version !== RUN_VERSION) throw new Error(`conformance run file version ${String(doc.version)} is unknown`);
  const { format: _f, version: _v, historyFields: _h, historyRows, ...rest } = doc;
  const history = ((historyRows ?? []) as HistoryRow[]).map(fromRow);
  return { ...(rest as unknown as Omit<RealTrace, "history">), history };
}

/** Saved real runs of a scenario, `<dir>/<id>-<n>.json`, by n. */
export function loadRuns(dir: string, scenarioId: string): RealTrace[] {
  if (!existsSync(dir)) return [];
  const re = new RegExp(`^${scenarioId}-(\\d+)\\.json$`);
  return readdirSync(dir)
    .map((f) => ({ f, n: Number(re.exec(f)?.[1]) }))
    .filter((x) => Number.isInteger(x.n))
    .sort((a, b) => a.n - b.n)
    .map((x) => decodeRun(readFileSync(join(dir, x.f), "utf8")));
}
