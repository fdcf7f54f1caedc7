// The explorer's shortcuts, each a switch: with all of them off it runs every cell and seed in full, and the
// equivalence test (shortcuts.test.ts) requires the same cells either way.
export const sweepShortcuts = {
  /** A run with one quorum stands for every quorum its QuorumSpan covers. */
  quorumReuse: true,
  /** A run with one cut stands for every case whose cut matrix agrees on every cell the run read. */
  pathReuse: true,
};
