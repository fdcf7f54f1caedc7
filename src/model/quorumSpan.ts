// The quorums that would have decided a run exactly as the one it ran with. Quorum enters the model only
// through comparisons "count >= quorum" (ODOWN, and the election's votes once they are a majority); the same
// run with another quorum q' takes the same branch at every comparison, and so is the same run, when q' is on
// the same side of every count that was compared. The explorer runs one quorum and reuses the result for the
// whole span.

export class QuorumSpan {
  /** Smallest and largest quorum that take every branch this run took. */
  lo = 1;
  hi = Number.POSITIVE_INFINITY;
  /** The quorum the comparisons used; NaN once two different ones were used (the span then means nothing). */
  quorum: number | null = null;

  atLeast(count: number, quorum: number): boolean {
    if (this.quorum === null) this.quorum = quorum;
    else if (this.quorum !== quorum) this.quorum = Number.NaN;
    if (count >= quorum) {
      if (count < this.hi) this.hi = count;
      return true;
    }
    if (count + 1 > this.lo) this.lo = count + 1;
    return false;
  }

  /** The quorums, as every group's quorum, that give this same run; null when the span means nothing. */
  range(): { lo: number; hi: number } | null {
    return Number.isNaN(this.quorum) ? null : { lo: this.lo, hi: this.hi };
  }
}
