import type { Footprint } from "../model/footprint";
import type { SweepCase, SweepColumn } from "./cases";
import type { SeedOutcome } from "./classify";
import type { SweepSettings } from "./settings";
import { sweepShortcuts } from "./shortcuts";

// The runs a sweep has made, each with its footprint: a later cell whose quorum is in the run's span and whose
// cut matrix agrees on every cell the run read is that same run, and takes its outcome without simulating.

/** The cut matrix a case's fault sets up (from × boxes + to: 0 up, 1 drop, 2 reject); null for a crash or no cut. */
export function caseCuts(boxes: readonly string[], c: SweepCase, kind: SweepSettings["kind"]): Uint8Array | null {
  const n = boxes.length;
  const k = kind === "reject" ? 2 : 1;
  const index = new Map(boxes.map((b, i) => [b, i]));
  const m = new Uint8Array(n * n);
  if (c.kind === "crash") return null;
  if (c.kind === "cut") {
    m[index.get(c.from)! * n + index.get(c.to)!] = k;
    return m;
  }
  const block = new Array<number>(n).fill(-1);
  c.groups.forEach((g, gi) => {
    for (const b of g) block[index.get(b)!] = gi;
  });
  // Boxes no group lists form one more group, as the partition action has it.
  for (let i = 0; i < n; i++) if (block[i] === -1) block[i] = c.groups.length;
  let any = false;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (block[i] !== block[j]) {
        m[i * n + j] = k;
        any = true;
      }
  // Without a cut the network never reads its matrix (every path is up), so the run's reads say nothing.
  return any ? m : null;
}

/** One run, as plain data so that a worker can pass it to the others. */
export interface MemoEntry {
  seed: number;
  minReplicas: number | null;
  quorum: number;
  /** The quorums the run stands for (QuorumSpan), none when lo > hi. */
  spanLo: number;
  spanHi: number;
  caseIndex: number;
  /** The cells of the cut matrix the run read, and what they held; null when the case had no cut. */
  read: number[] | null;
  held: string;
  outcome: SeedOutcome;
}

/** Runs that read the same cells of the cut matrix, by what those cells held. */
interface ReadGroup {
  read: number[];
  byHeld: Map<string, MemoEntry[]>;
}

export class SweepMemo {
  /** Simulations run here (the other cells came from the memo). */
  runs = 0;
  // Indexed so that a lookup costs one probe per distinct set of cells read, not one per run made: a sweep may
  // make a hundred thousand runs.
  private readonly byCase = new Map<number, MemoEntry[]>();
  private readonly byRead = new Map<string, ReadGroup>();
  /** Entries made here since the last drain, to hand to other workers. */
  private fresh: MemoEntry[] = [];

  find(seed: number, col: SweepColumn, caseIndex: number, cuts: Uint8Array | null): MemoEntry | undefined {
    const own = this.byCase.get(caseIndex);
    const mine = own && pick(own, seed, col);
    if (mine || !cuts || !sweepShortcuts.pathReuse) return mine;
    for (const g of this.byRead.values()) {
      const same = g.byHeld.get(heldKey(g.read, cuts));
      const e = same && pick(same, seed, col);
      if (e) return e;
    }
    return undefined;
  }

  add(
    seed: number,
    col: SweepColumn,
    caseIndex: number,
    cuts: Uint8Array | null,
    fp: Footprint,
    outcome: SeedOutcome,
  ): MemoEntry {
    this.runs++;
    const read: number[] = [];
    if (cuts) for (let i = 0; i < fp.paths.length; i++) if (fp.paths[i]) read.push(i);
    const span = fp.quorum.range();
    const e: MemoEntry = {
      seed,
      minReplicas: col.minReplicas,
      quorum: col.quorum,
      spanLo: span ? span.lo : 1,
      spanHi: span ? span.hi : 0,
      caseIndex,
      read: cuts ? read : null,
      held: cuts ? heldKey(read, cuts) : "",
      outcome,
    };
    this.index(e);
    this.fresh.push(e);
    return e;
  }

  /** Runs made elsewhere (another worker). */
  learn(entries: readonly MemoEntry[]): void {
    for (const e of entries) this.index(e);
  }

  /** The entries made here since the last call. */
  drain(): MemoEntry[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  private index(e: MemoEntry): void {
    push(this.byCase, e.caseIndex, e);
    if (!e.read) return;
    const key = e.read.join(",");
    let g = this.byRead.get(key);
    if (!g) {
      g = { read: e.read, byHeld: new Map() };
      this.byRead.set(key, g);
    }
    // Runs that read the same cells share one list of them: a big sweep keeps hundreds of thousands of runs.
    e.read = g.read;
    push(g.byHeld, e.held, e);
  }
}

function push<K>(m: Map<K, MemoEntry[]>, k: K, e: MemoEntry): void {
  const list = m.get(k);
  if (list) list.push(e);
  else m.set(k, [e]);
}

/** An entry made with this seed whose run stands for the column's settings. */
function pick(list: readonly MemoEntry[], seed: number, col: SweepColumn): MemoEntry | undefined {
  const q = col.quorum;
  for (const e of list) {
    if (e.seed !== seed || e.minReplicas !== col.minReplicas) continue;
    if (sweepShortcuts.quorumReuse ? q >= e.spanLo && q <= e.spanHi : e.quorum === q) return e;
  }
  return undefined;
}

/** What the cut matrix holds in the cells read (each 0, 1 or 2). */
function heldKey(read: readonly number[], cuts: Uint8Array): string {
  let s = "";
  for (const i of read) s += cuts[i];
  return s;
}
