// Discrete-event core: integer-millisecond virtual time, one queue ordered by (time, sequence), and a
// seeded PRNG split per process. No wall clock, no Math.random (architecture.md "The model").

export type Handler = () => void;

/**
 * An empty array whose elements kind is already "objects". A `[]` starts as small integers and changes kind at its
 * first push; compiled code that only ever saw the changed kind is thrown away when the next run's fresh `[]`
 * arrives, in each of the first runs of a process.
 */
export function objectArray<T>(): T[] {
  const a = [null] as unknown as T[];
  a.pop();
  return a;
}

/** Something events can belong to; events of a dead incarnation are dropped, of a paused one deferred. */
export interface Owner {
  incarnation: number;
  paused: boolean;
  deferred: Array<{ inc: number; fn: Handler }>;
  /** Blocked until then (an fsync): its events wait, in order. */
  busyUntilMs: number;
}

/** An event target that needs no closure: the network delivers messages through it. */
export interface Firable {
  fire(a: unknown, b: unknown): void;
}

interface Ev {
  t: number;
  seq: number;
  fn: Handler | null;
  target: Firable | null;
  a: unknown;
  b: unknown;
  owner: Owner | null;
  inc: number;
  /** The next event of the same millisecond, in the ring. */
  next: Ev | null;
}

/**
 * Milliseconds the ring covers ahead of the current one (a power of two). Nearly every event is due within it
 * (network hops, ticks, crons); the rest wait in a heap until the ring reaches them.
 */
const RING_MS = 1024;
const RING_MASK = RING_MS - 1;

/**
 * The queue orders events by (time, sequence). Events due within RING_MS of the current millisecond sit in one FIFO
 * list per millisecond: appended in sequence order, so a list is already sorted and push and pop take constant time.
 * Later events wait in a binary heap and move to their list, in (time, sequence) order, when the current
 * millisecond comes within RING_MS of them: before any event can be appended to that list directly, so the list
 * stays sorted.
 */
export class Sim {
  nowMs = 0;
  processed = 0;
  private seq = 0;
  /** The ring holds the events due in [cur, cur + RING_MS); the heap those due later. */
  private cur = 0;
  private heads: Array<Ev | null> = Array.from({ length: RING_MS }, () => null);
  private tails: Array<Ev | null> = Array.from({ length: RING_MS }, () => null);
  private inRing = 0;
  // Both arrays keep their slots: sizes are counted apart, since push and pop on a JS array that keeps
  // growing and shrinking reallocate its storage.
  private heap: Ev[] = objectArray();
  private size = 0;
  // Fired events are reused: a run allocates as many as are ever pending at once, not one per event.
  private free: Ev[] = objectArray();
  private freeCount = 0;

  private alloc(t: number, owner: Owner | null): Ev {
    const e =
      this.freeCount > 0
        ? this.free[--this.freeCount]!
        : { t: 0, seq: 0, fn: null, target: null, a: null, b: null, owner: null, inc: 0, next: null };
    if (!Number.isInteger(t)) throw new Error(`event time ${t} is not a whole millisecond`);
    e.t = Math.max(t, this.nowMs);
    e.seq = this.seq++;
    e.owner = owner;
    e.inc = owner ? owner.incarnation : 0;
    return e;
  }

  /** Schedule fn at absolute time t (never in the past). */
  at(t: number, fn: Handler, owner: Owner | null = null): void {
    const e = this.alloc(t, owner);
    e.fn = fn;
    this.push(e);
  }

  /** Schedule target.fire(a, b) at time t, without allocating a closure. */
  call(t: number, target: Firable, a: unknown, b: unknown, owner: Owner | null = null): void {
    const e = this.alloc(t, owner);
    e.target = target;
    e.a = a;
    e.b = b;
    this.push(e);
  }

  after(delayMs: number, fn: Handler, owner: Owner | null = null): void {
    this.at(this.nowMs + delayMs, fn, owner);
  }

  get pending(): number {
    return this.inRing + this.size;
  }

  /** The time of the earliest pending event (Infinity if none); changes nothing. */
  peekTime(): number {
    if (this.inRing === 0) return this.size ? this.heap[0]!.t : Number.POSITIVE_INFINITY;
    const heads = this.heads;
    let t = this.cur;
    while (heads[t & RING_MASK] === null) t++;
    return t;
  }

  /** Runs events up to and including time `untilMs`; returns false if the event budget ran out. */
  run(untilMs: number, maxEvents: number): boolean {
    const heads = this.heads;
    for (;;) {
      const t = this.peekTime();
      if (t > untilMs) break;
      if (this.processed >= maxEvents) return false;
      if (t !== this.cur) this.advance(t);
      const slot = t & RING_MASK;
      const e = heads[slot]!;
      const next = e.next;
      heads[slot] = next;
      if (next === null) this.tails[slot] = null;
      this.inRing--;
      this.nowMs = t;
      this.processed++;
      const { fn, target, a, b, owner, inc } = e;
      e.fn = null;
      e.target = null;
      e.a = null;
      e.b = null;
      e.owner = null;
      e.next = null;
      this.free[this.freeCount++] = e;
      if (owner) {
        if (owner.incarnation !== inc) continue;
        if (owner.paused) {
          defer(owner, inc, fn, target, a, b);
          continue;
        }
        if (owner.busyUntilMs > t) {
          const later = this.alloc(owner.busyUntilMs, owner);
          later.fn = fn;
          later.target = target;
          later.a = a;
          later.b = b;
          later.inc = inc;
          this.push(later);
          continue;
        }
      }
      if (fn) fn();
      else target!.fire(a, b);
    }
    // Always a store, never a conditional one: a store compiled before it first ran is thrown away when it runs.
    this.nowMs = Math.max(this.nowMs, untilMs);
    return true;
  }

  /** Moves the ring to millisecond t (no event is due before it) and brings in the heap's events now within reach. */
  private advance(t: number): void {
    this.cur = t;
    const heap = this.heap;
    while (this.size && heap[0]!.t < t + RING_MS) this.append(this.heapPop());
  }

  private push(e: Ev): void {
    if (e.t < this.cur + RING_MS) this.append(e);
    else this.heapPush(e);
  }

  private append(e: Ev): void {
    const slot = e.t & RING_MASK;
    const tail = this.tails[slot];
    if (tail) tail.next = e;
    else this.heads[slot] = e;
    this.tails[slot] = e;
    this.inRing++;
  }

  private heapPush(e: Ev): void {
    const heap = this.heap;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = heap[p]!;
      if (q.t < e.t || (q.t === e.t && q.seq < e.seq)) break;
      heap[i] = q;
      i = p;
    }
    heap[i] = e;
  }

  private heapPop(): Ev {
    const heap = this.heap;
    const top = heap[0]!;
    const n = --this.size;
    const last = heap[n]!;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let ce = heap[l]!;
      if (r < n) {
        const re = heap[r]!;
        if (re.t < ce.t || (re.t === ce.t && re.seq < ce.seq)) {
          c = r;
          ce = re;
        }
      }
      if (last.t < ce.t || (last.t === ce.t && last.seq < ce.seq)) break;
      heap[i] = ce;
      i = c;
    }
    heap[i] = last;
    return top;
  }
}

/**
 * An event of a paused owner waits for the resume. Apart from run: a closure there would capture the loop's
 * variables, and V8 would allocate a context for them on every event.
 */
function defer(owner: Owner, inc: number, fn: Handler | null, target: Firable | null, a: unknown, b: unknown): void {
  owner.deferred.push({ inc, fn: fn ?? (() => target!.fire(a, b)) });
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

  /** The next output as a signed 32-bit integer: a small integer for the engine, where t >>> 0 may not be. */
  private step(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t;
  }

  u32(): number {
    return this.step() >>> 0;
  }

  /** Integer in [0, n). For a power of two, the low bits are the same number without a division. */
  int(n: number): number {
    const x = this.step();
    return (n & (n - 1)) === 0 ? x & (n - 1) : (x >>> 0) % n;
  }

  hex(chars: number): string {
    let s = "";
    while (s.length < chars) s += this.u32().toString(16).padStart(8, "0");
    return s.slice(0, chars);
  }
}
