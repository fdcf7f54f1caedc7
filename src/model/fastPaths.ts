// Shortcuts that must never change a trace. The equivalence test (fastPaths.test.ts) runs every shipped scenario
// and many random ones with each switched off and compares the traces byte for byte.
export const fastPaths = {
  /** A Sentinel tick leaves alone an instance with nothing due before a known time and nothing changed since. */
  sentinelIdleInstances: true,
  /** A retransmitted queue arrives as one event, not one per message. */
  burstDelivery: true,
  /** Data arriving at a closed socket schedules a reset only if none as early is pending. */
  oneReset: true,
};
