// Discrete-event core: integer-millisecond virtual time, one binary heap ordered by (time, sequence), and a
// seeded PRNG split per process. No wall clock, no Math.random (architecture.md "The model").

export type Handler = () => void;

/** Something events can belong to; events of a dead incarnation are dropped, of a paused one deferred. */
export interface Owner {
  incarnation: number;
  paused: boolean;
  deferred: Array<{ inc: number; fn: Handler }>;
}

export class Sim {
  nowMs = 0;
  processed = 0;
  private seq = 0;
  // Parallel arrays keep the heap cheap: no object per comparison.
  private times: number[] = [];
  private seqs: number[] = [];
  private fns: Handler[] = [];
  private owners: Array<Owner | null> = [];
  private incs: number[] = [];

  /** Schedule fn at absolute time t (never in the past). */
  at(t: number, fn: Handler, owner: Owner | null = null): void {
    const time = Math.max(t, this.nowMs);
    const i = this.times.length;
    this.times.push(time);
    this.seqs.push(this.seq++);
    this.fns.push(fn);
    this.owners.push(owner);
    this.incs.push(owner ? owner.incarnation : 0);
    this.up(i);
  }

  after(delayMs: number, fn: Handler, owner: Owner | null = null): void {
    this.at(this.nowMs + delayMs, fn, owner);
  }

  get pending(): number {
    return this.times.length;
  }

  peekTime(): number {
    return this.times.length ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /** Runs events up to and including time `untilMs`; returns false if the event budget ran out. */
  run(untilMs: number, maxEvents: number): boolean {
    while (this.times.length && this.times[0]! <= untilMs) {
      if (this.processed >= maxEvents) return false;
      const t = this.times[0]!;
      const fn = this.fns[0]!;
      const owner = this.owners[0]!;
      const inc = this.incs[0]!;
      this.pop();
      this.nowMs = t;
      this.processed++;
      if (owner) {
        if (owner.incarnation !== inc) continue;
        if (owner.paused) {
          owner.deferred.push({ inc, fn });
          continue;
        }
      }
      fn();
    }
    if (this.nowMs < untilMs) this.nowMs = untilMs;
    return true;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    return ta < tb || (ta === tb && this.seqs[a]! < this.seqs[b]!);
  }

  private swap(a: number, b: number): void {
    const t = this.times[a]!;
    this.times[a] = this.times[b]!;
    this.times[b] = t;
    const s = this.seqs[a]!;
    this.seqs[a] = this.seqs[b]!;
    this.seqs[b] = s;
    const f = this.fns[a]!;
    this.fns[a] = this.fns[b]!;
    this.fns[b] = f;
    const o = this.owners[a]!;
    this.owners[a] = this.owners[b]!;
    this.owners[b] = o;
    const n = this.incs[a]!;
    this.incs[a] = this.incs[b]!;
    this.incs[b] = n;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private pop(): void {
    const last = this.times.length - 1;
    if (last > 0) this.swap(0, last);
    this.times.pop();
    this.seqs.pop();
    this.fns.pop();
    this.owners.pop();
    this.incs.pop();
    let i = 0;
    const n = this.times.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.less(r, l) ? r : l;
      if (!this.less(c, i)) return;
      this.swap(c, i);
      i = c;
    }
  }
}

/** FNV-1a, to derive per-process seeds from names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(x: number): () => number {
  let a = x >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32: small, fast, good enough for timer jitter and ids; one instance per process. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, label: string) {
    const sm = splitmix32(seed ^ hashString(label));
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm() | 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return this.u32() % n;
  }

  hex(chars: number): string {
    let s = "";
    while (s.length < chars) s += this.u32().toString(16).padStart(8, "0");
    return s.slice(0, chars);
  }
}
