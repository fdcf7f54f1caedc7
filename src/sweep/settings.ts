// What a sweep explores: the fault window, seeds per cell, which cases and which columns.

export interface SweepSettings {
  /** How long each fault lasts, from the cut to the heal (or from the crash to the restart). */
  durationMs: number;
  /** Seeds per cell: the scenario's own seed, then seedList's derived ones. */
  seeds: number;
  /** When the fault starts: the system has settled by then (Sentinels know each other, replicas in sync). */
  cutAtMs: number;
  /** How long the run goes on after the heal, so demotions, resyncs and late failovers have happened. */
  settleMs: number;
  /** drop: packets vanish (TCP retransmits); reject: connections are refused at once. */
  kind: "drop" | "reject";
  /** Also crash each box on its own (restarted when the fault window ends). */
  crashes: boolean;
  /** Also cut each direction between two boxes on its own. */
  oneWayCuts: boolean;
  /** Columns for min-replicas-to-write 0 and 1 as well as for each quorum. */
  minReplicas: boolean;
  /** Quorums to compare; all from 1 to the number of Sentinels when absent. */
  quorums?: number[];
  /** Simulate this many partitions, picked uniformly, instead of all of them. */
  sample?: number;
}

export const DEFAULT_SETTINGS: SweepSettings = {
  durationMs: 60_000,
  seeds: 5,
  cutAtMs: 30_000,
  settleMs: 60_000,
  kind: "drop",
  crashes: true,
  oneWayCuts: false,
  minReplicas: false,
};

/** More partitions than this are not enumerated: the user is offered a sample instead. */
export const MAX_PARTITIONS = 5000;
/** More simulations than this (cases × columns × seeds) are refused, with a sample offered instead. */
export const MAX_RUNS = 250_000;
/** The sample size offered when there are too many partitions. */
export const DEFAULT_SAMPLE = 500;
export const MAX_SEEDS = 100;
export const MIN_DURATION_MS = 1000;
export const MAX_DURATION_MS = 3_600_000;

/** Problems with the settings themselves, as messages naming the setting and the fix. */
export function settingsProblems(s: SweepSettings): string[] {
  const out: string[] = [];
  if (!Number.isInteger(s.seeds) || s.seeds < 1 || s.seeds > MAX_SEEDS)
    out.push(`seeds: use a whole number from 1 to ${MAX_SEEDS}`);
  if (!Number.isInteger(s.durationMs) || s.durationMs < MIN_DURATION_MS || s.durationMs > MAX_DURATION_MS)
    out.push("duration: use a time from 1 s to 1 h");
  if (s.sample !== undefined && (!Number.isInteger(s.sample) || s.sample < 1 || s.sample > MAX_PARTITIONS))
    out.push(`sample: use a whole number of partitions from 1 to ${MAX_PARTITIONS}`);
  if (s.quorums !== undefined && (s.quorums.length === 0 || s.quorums.some((q) => !Number.isInteger(q) || q < 1)))
    out.push("quorums: list whole numbers of 1 or more");
  return out;
}
