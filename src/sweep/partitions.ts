// Set partitions of n boxes as restricted growth strings (RGS): block[i] is the group of box i, block[0] = 0
// and block[i] ≤ 1 + max(block[0..i-1]). Rank r is the r-th RGS in lexicographic order, so enumerating
// ranks 0..Bell(n)-1 and sampling ranks give the same partition for the same rank. BigInt keeps counts
// exact past 2^53 (Bell(26) and up).

/** completions[r][m]: RGS tails of length r when m blocks are already open. */
export function completionTable(n: number): bigint[][] {
  const table: bigint[][] = [Array.from({ length: n + 2 }, () => 1n)];
  for (let r = 1; r <= n; r++) {
    const row: bigint[] = [];
    for (let m = 0; m <= n + 1 - r; m++) row.push(BigInt(m) * table[r - 1]![m]! + table[r - 1]![m + 1]!);
    table.push(row);
  }
  return table;
}

/** The number of set partitions of n elements. */
export function bell(n: number): bigint {
  if (n === 0) return 1n;
  return completionTable(n)[n - 1]![1]!;
}

/** The partition with this rank, as the group index of each element (0-based). */
export function unrankPartition(n: number, rank: bigint, table = completionTable(n)): number[] {
  if (n === 0) return [];
  const out = [0];
  let open = 1;
  let rest = rank;
  for (let i = 1; i < n; i++) {
    const tail = table[n - 1 - i]!;
    const each = tail[open]!;
    const existing = BigInt(open) * each;
    if (rest < existing) {
      out.push(Number(rest / each));
      rest %= each;
    } else {
      out.push(open);
      rest -= existing;
      open++;
    }
  }
  return out;
}

/** Every partition in rank order, without building the whole list. */
export function* allPartitions(n: number): Generator<number[]> {
  if (n === 0) {
    yield [];
    return;
  }
  const a = new Array<number>(n).fill(0);
  const max = new Array<number>(n).fill(0);
  for (;;) {
    yield a.slice();
    let i = n - 1;
    while (i > 0 && a[i]! > max[i - 1]!) i--;
    if (i === 0) return;
    a[i]!++;
    max[i] = Math.max(max[i - 1]!, a[i]!);
    for (let j = i + 1; j < n; j++) {
      a[j] = 0;
      max[j] = max[i]!;
    }
  }
}

/** A fixed uniform sample of `count` distinct ranks in [0, total), sorted, derived only from `seed`. */
export function sampleRanks(total: bigint, count: number, seed: number): bigint[] {
  if (BigInt(count) >= total) return Array.from({ length: Number(total) }, (_, i) => BigInt(i));
  let state = BigInt(seed >>> 0) | 1n;
  const mask = (1n << 64n) - 1n;
  const next = (): bigint => {
    // xorshift64*: deterministic, plenty for picking which cases to sample.
    state ^= state >> 12n;
    state ^= (state << 25n) & mask;
    state ^= state >> 27n;
    return (state * 0x2545f4914f6cdd1dn) & mask;
  };
  const chosen = new Set<bigint>();
  while (chosen.size < count) chosen.add(((next() << 64n) | next()) % total);
  return [...chosen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Group lists from an RGS: groups[g] holds the element indexes of group g. */
export function groupsOf(blocks: readonly number[]): number[][] {
  const groups: number[][] = [];
  blocks.forEach((g, i) => {
    if (groups[g]) groups[g].push(i);
    else groups[g] = [i];
  });
  return groups;
}
