import type { LostWrite, Op } from "../model/trace";

/**
 * Acknowledged writes missing from the final data of the group's master. Works on any history in the
 * Jepsen format, from the model or from a real run, so both are judged by the same code.
 */
export function lostWrites(history: readonly Op[], finalValues: Iterable<string>): LostWrite[] {
  const present = finalValues instanceof Set ? (finalValues as Set<string>) : new Set(finalValues);
  const lost: LostWrite[] = [];
  for (const op of history) {
    if (op.type !== "ok" || present.has(op.value)) continue;
    lost.push({ index: op.index, value: op.value, process: op.process, node: op.node ?? "?", ackMs: op.timeMs });
  }
  return lost;
}

export interface LossWindow {
  process: string;
  node: string;
  fromMs: number;
  toMs: number;
  count: number;
}

/** Groups lost writes into runs per (client, accepting master): "C1 lost 213 writes acked by M1 in 30.1–51.4 s". */
export function lossWindows(lost: readonly LostWrite[]): LossWindow[] {
  const byKey = new Map<string, LossWindow>();
  const out: LossWindow[] = [];
  for (const w of lost) {
    const key = `${w.process}\u0000${w.node}`;
    const cur = byKey.get(key);
    if (cur) {
      cur.toMs = Math.max(cur.toMs, w.ackMs);
      cur.fromMs = Math.min(cur.fromMs, w.ackMs);
      cur.count++;
    } else {
      const win = { process: w.process, node: w.node, fromMs: w.ackMs, toMs: w.ackMs, count: 1 };
      byKey.set(key, win);
      out.push(win);
    }
  }
  return out;
}
