import type { Trace, TraceEvent } from "../model/trace";

// Sentinel's log format: a level mark ('#' warning, '*' notice, '-' verbose) before the event (server.c).

const MARK = { W: "#", N: "*", V: "-" } as const;

export function formatTime(ms: number): string {
  const m = Math.floor(ms / 60000);
  const sec = (ms % 60000) / 1000;
  return `${String(m).padStart(2, "0")}:${sec.toFixed(3).padStart(6, "0")}`;
}

export function formatEvent(e: TraceEvent): string {
  return `${formatTime(e.tMs)} ${e.process.padEnd(8)} ${MARK[e.level]} ${e.name} ${e.text}`.trimEnd();
}

export interface LogFilter {
  processes?: ReadonlySet<string>;
  /** Include verbose-level events (role changes). */
  verbose?: boolean;
}

export function formatLog(trace: Trace, filter: LogFilter = {}): string[] {
  const out: string[] = [];
  for (const e of trace.events) {
    if (e.level === "V" && !filter.verbose) continue;
    if (filter.processes && !filter.processes.has(e.process)) continue;
    out.push(formatEvent(e));
  }
  return out;
}
