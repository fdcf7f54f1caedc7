import type { ConformanceDisagreement } from "../src/ui/conformanceSummary";

// What each disagreement between real Redis and the model comes from, once examined (issue 5: "for each
// disagreement whether it comes from the model or from the harness"). The report matches every failed check
// (`<scope> · <name>`, or `events · missing <name>` / `events · extra <name>` per event) against EXPLANATIONS;
// the first entry whose scenario and pattern match explains it with one of the FINDINGS. A failed check
// nothing matches is reported as unexamined.

export interface Finding {
  title: string;
  /** A few words for tables. */
  short: string;
  source: ConformanceDisagreement["source"];
  /** One paragraph: what differs and why (shown in the app's panel too). */
  summary: string;
  /** Markdown for docs/conformance.md: log lines, the Redis source, the proposed fix. */
  evidence: string;
}

export const FINDINGS = {
  fsyncSentinel: {
    short: "sentinel.conf fsync",
    title: "The leader's -odown is missing in some real runs (sentinel.conf fsync takes time)",
    source: "model",
    summary:
      "Real Sentinel fsyncs sentinel.conf (about 7–9 ms here) on +try-failover, on each vote and on +promoted-slave, with its event loop blocked; the model's rewrite takes no time. The voter's two fsyncs put the leader's is-master-down-by-addr replies about 15 ms behind its INFO replies, so in about a third of the real runs the leader's last ask falls one timer tick after the INFO that brings +slave-reconf-done, and the failover ends before a non-leader's 'not down' reply (it has already switched to the new master) can clear the quorum: no -odown. In the model both replies stay in step and -odown precedes +failover-end in every seed.",
    evidence: `An A2a run traced with \`strace -tt\` on the leader S2 (a probe run, not one of the committed runs; times
from t0): its \`is-master-down-by-addr\` requests to S3 and its INFO requests to the replicas R2 and R3, and what
it logged.

\`\`\`
13 015.3  → S3  SENTINEL is-master-down-by-addr 127.0.1.1 6379 1 <S2's runid>   (forced ask at +try-failover)
13 015.6  → R2  INFO          13 016.0  → R3  INFO
13 028.4  ← S3  *3 :1 <S2's runid> :1   (the vote: 13 ms, S3 fsyncs sentinel.conf twice before answering)
14 019.0  → R2  INFO          14 019.2  → R3  INFO   (1 000 ms after the INFO replies; no ask: 991 ms since S3's)
14 024.3  log   +promoted-slave slave 127.0.1.2:6379 …
14 092.2  → S3  is-master-down-by-addr …   (next tick)     14 105.8  ← S3  :1 (S3 had not switched yet)
15 044.7  → R2  INFO          15 044.9  → R3  INFO
15 046.3  log   +slave-reconf-done slave 127.0.1.3:6379 …
15 128.6  log   +failover-end master mymaster 127.0.1.1 6379      (no -odown: S3's flag still says down)
15 135.3  → S3  is-master-down-by-addr …   15 135.6  ← S3  :0   (too late: the failover has ended)
\`\`\`

In another traced run the forced ask's reply came 18 ms after the INFO requests but no timer tick fell in
between, so asks and INFOs went out in the same ticks (12 338, 13 368, 14 400 ms); the ask at 14 400 got \`:0\`
(S3 had switched) and \`-odown\` preceded \`+failover-end\` at the next tick, as in every model seed. The committed
runs without \`-odown\` are named in the scenarios' sections below.
Redis 7.0.15 \`sentinel.c\`: \`sentinelHandleRedisInstance\` runs \`sentinelCheckObjectivelyDown\`, then the failover
state machine, then \`sentinelAskMasterStateToOtherSentinels\` (asks when \`mstime() - last_master_down_reply_time >=
1000\`, the reply time being set in \`sentinelReceiveIsMasterDownReply\`); replicas' INFO is sent after the master's
handling, every 1000 ms during a failover, timed from \`info_refresh\` (set when the INFO reply is processed). The
is-master-down-by-addr answer of a Sentinel that has switched is 0 (\`getSentinelRedisInstanceByAddrAndRunID\` no
longer finds the old address among its masters). \`sentinelVoteLeader\` calls \`sentinelFlushConfig\` when the epoch
moves and when it votes; \`sentinelFlushConfig\` is \`rewriteConfig\` plus \`fsync\`, synchronous.

Model fix (a37b179): a sentinel.conf rewrite blocks the Sentinel for \`network.configFsyncMs\` (2 ms by default; the
conformance runs use the median measured in their Sentinel logs) at the points where Redis flushes: a vote, an
epoch learned from a peer, discovery, promotion and the switch. Its replies and next timer tick wait, so the forced
ask's reply lags the INFO replies and the leader's \`-odown\` is missing in some seeds, as on real Redis.`,
  },
  fsyncDemotion: {
    short: "CONFIG REWRITE fsync",
    title: "A client write caught by the old master's demotion (CONFIG REWRITE fsync takes time)",
    source: "model",
    summary:
      "On real Redis the demotion transaction (MULTI, SLAVEOF, CONFIG REWRITE, CLIENT KILL TYPE normal, EXEC) blocks the old master while CONFIG REWRITE fsyncs redis.conf (3–9 ms here); a client write that arrives meanwhile is never read, CLIENT KILL closes its connection, and the client records it as unknown (info CONNECTION). With one write every 100 ms that happens in about a third of the real runs; in the model the transaction takes no time and the window is one network latency (1 seed in 50).",
    evidence: `Real, A1b (drop) run 2: after the late failover to R1, Sentinel demotes M1 while C1 writes to it every 100 ms.

\`\`\`
C1      49 100 ms invoke C1-492    49 101 ok (M1)
M1.log  19:49:35.510 * REPLICAOF 127.0.1.2:6379 enabled (user request from '… name=sentinel-…-cmd … cmd=exec …')   (t = 49 200 ms)
C1      49 201 ms invoke C1-493    (reaches M1 inside the transaction)
M1.log  19:49:35.513 # CONFIG REWRITE executed with success.                                              (t = 49 203 ms)
C1      49 206 ms info C1-493 CONNECTION   (CLIENT KILL closed the connection; the write was never read)
C1      49 301 ms invoke C1-494    49 301 ok (R1)
\`\`\`

Redis 7.0.15 \`sentinel.c\` \`sentinelSendSlaveOf\`: MULTI, SLAVEOF, CONFIG REWRITE, CLIENT KILL TYPE normal, EXEC in
one transaction; \`config.c\` \`rewriteConfig\` writes a temporary file, fsyncs it and renames it.

The model (src/model/redis.ts, \`case "SLAVEOF"\`) replies, kills the clients and changes role at once.
Model fix: Sentinel's SLAVEOF transaction blocks the Redis for \`network.configFsyncMs\` (its CONFIG REWRITE), and
CLIENT KILL and the reply come at the end of it; a client write that arrives meanwhile is lost with its connection
and recorded as unknown. With the runs' 3 ms, 3 of 300 seeds of A1b (drop)'s variant have C1 unknown = 1, so the
report runs the model over 200 seeds. Test: src/model/predictions.test.ts, "a client write that reaches the old
master during its demotion transaction is unknown".`,
  },
  slaveofLostAtSwitch: {
    short: "SLAVEOF lost at the switch",
    title: "SLAVEOF commands queued in the tick a failover ends never reach the replicas",
    source: "model",
    summary:
      "When real Sentinel ends a failover it switches to the promoted replica in the same timer tick and frees the old replica instances with their links; a SLAVEOF it queued in that tick is never written (hiredis writes only when the event loop runs). That loses the best-effort SLAVEOF after +failover-end-for-timeout (+slave-reconf-sent-be) and a +slave-reconf-sent to a replica cut off by the partition in the tick the failover ends. Those replicas keep following the old master until a Sentinel's +fix-slave-config seconds later; with min-replicas-to-write the new master refuses writes (NOREPLICAS) all that time. The model delivers these SLAVEOFs (at once, or after the heal by TCP retransmission), so its replicas follow the new master sooner and +fix-slave-config does not happen.",
    evidence: `Real, C10b run 1: the leader S3 first reconfigured R2, on the minority side, then waited failover-timeout:

\`\`\`
S3.log 18:55:43.416 * +slave-reconf-sent slave 127.0.1.2:6379 …               (t = 14.1 s)
S3.log 18:55:49.258 # +failover-end-for-timeout master mymaster 127.0.1.1 6379  (t = 19.9 s)
S3.log 18:55:49.258 # +failover-end master mymaster 127.0.1.1 6379
S3.log 18:55:49.258 * +slave-reconf-sent-be slave 127.0.1.5:6379 …
S3.log 18:55:49.258 * +slave-reconf-sent-be slave 127.0.1.3:6379 …
S3.log 18:55:49.258 # +switch-master mymaster 127.0.1.1 6379 127.0.1.4 6379
R3.log, R5.log: no REPLICAOF at 18:55:49; both still replicas of 127.0.1.1 until
R5.log 18:55:53.504 * REPLICAOF 127.0.1.4:6379 enabled (user request from '… name=sentinel-fe898785-cmd …')  (S5's +fix-slave-config, t = 24.2 s)
\`\`\`

C3, C4 and C5 write to the new master R4 from 14.1 s and get NOREPLICAS until 24.2 s: 85, 84 and 102 refusals,
where the model's seeds that end by timeout give at most 57 (its replicas follow R4 from the timeout on). C10c runs
1 and 3 are the same story with min-replicas-to-write 2.

Real, C14 run 1 (R4 is stranded with M1 on the minority side):

\`\`\`
S2.log 19:06:49.696 * +slave-reconf-sent slave 127.0.1.4:6379 …   (R4's link not yet closed, R4 is +sdown)
S2.log 19:06:49.696 # +failover-end master mymaster 127.0.1.1 6379
S2.log 19:06:49.696 # +switch-master mymaster 127.0.1.1 6379 127.0.1.2 6379
R4.log 19:07:20.019 * REPLICAOF 127.0.1.2:6379 enabled (…)        (t = 45.5 s, S2's +fix-slave-config, 10 s after the heal)
\`\`\`

In every real C14 run R4 is fixed by \`+fix-slave-config\` after the heal; in the model it follows the new master
when the heal lets the queued SLAVEOF through, and \`+fix-slave-config\` never happens.
Redis 7.0.15 \`sentinel.c\`: \`sentinelFailoverReconfNextSlave\` sends SLAVEOF and then calls
\`sentinelFailoverDetectEnd\`, which (on timeout) sends the best-effort SLAVEOFs and sets
\`SENTINEL_FAILOVER_STATE_UPDATE_CONFIG\`; \`sentinelHandleDictOfRedisInstances\` then calls
\`sentinelFailoverSwitchToPromotedSlave\` in the same tick → \`sentinelResetMasterAndChangeAddress\` →
\`sentinelResetMaster\` → \`dictRelease(ri->slaves)\` → \`releaseInstanceLink\` → \`instanceLinkCloseConnection\` →
\`redisAsyncFree\`, which drops hiredis's unwritten output.

Model fix (84735d0): commands a Sentinel sends leave at the end of its callback or timer tick, and a link freed
before then (the switch replaces the replica instances) loses them. Replicas are then fixed by
\`+fix-slave-config\`. Tests: C10b's and C10c's scenario expectations (NOREPLICAS until \`+fix-slave-config\` in the
seeds that end by timeout) and C14's (\`+fix-slave-config\` for R4 after the heal).`,
  },
  clientTiming: {
    short: "client reconnect timing",
    title: "A quarter of a second in when a client reaches the new master",
    source: "harness",
    summary:
      "The real client is ioredis, whose one connect timeout (500 ms here) covers Sentinels and Redis alike and whose reconnect back-off counts every failed attempt; the model's client gives a Redis connection the write timeout (1 s) and waits 500 ms before resolving again. After three NOMASTER timeouts the real C4 reached the new master about 250 ms later than the model's client does, and so hit 3 NOREPLICAS where the model has at least 6 (the ±20 % band accepts 4). The client library, not Sentinel, makes this difference.",
    evidence: `Real, C10c run 2, C4 (asks S4, the leader, first): \`fail NOMASTER\` at 12 103, 13 108 and 14 116 ms, then \`invoke\`
at 14 119 and the first \`NOREPLICAS\` from R5 at 14 420 ms; R5 was promoted at 13 435 ms and had its second
replica at about 14 530 ms. Model, the seeds without a timeout: C4's first NOREPLICAS at about 14 175 ms, the second
replica at about 14 650 ms (6–8 refusals). Worker: conformance/worker.ts \`clientOptions\` (\`connectTimeout:
min(timeout, 500)\`, ioredis's default \`retryStrategy\`); model: src/model/client.ts (\`connectRedis\` timeout
= the write timeout, \`RESOLVE_RETRY_MS\` 500). Either side could move; the figures differ by one write beyond the
band.`,
  },
  disklessDelay: {
    short: "diskless sync delay",
    title: "A full resync starts 4 to 6 s after the PSYNC, not exactly 5 s (replicationCron)",
    source: "model",
    summary:
      "In C11a the replica that S1 reconfigures has more of the old master's stream than the promoted replica, so it needs a full resync. Real Redis starts a diskless transfer from replicationCron, once a second, when the replica has waited repl-diskless-sync-delay in whole seconds of the clock: 5.29 to 5.37 s in the runs, so the replica's link came up just after the leader's failover-timeout and every real run ended with +failover-end-for-timeout and +slave-reconf-sent-be. The model started the transfer exactly 5 s after the PSYNC and every seed saw +slave-reconf-done first.",
    evidence: `Real, C11a run 1, R2 (the replica S1 reconfigures; t = run time):

\`\`\`
R2.log 20:33:50.616 * REPLICAOF 127.0.1.3:6379 enabled (user request from '… name=sentinel-e292ae9f-cmd …')   (t = 14 107)
R2.log 20:33:50.621 * Trying a partial resynchronization (request 44471a84…:16065).
R2.log 20:33:55.984 * Full resync from master: 36960aa0…:18838                                  (5.36 s later)
R2.log 20:33:55.987 * MASTER <-> REPLICA sync: Finished with success                           (t = 19 478)
S1     20 064 +failover-end-for-timeout   (reconf began at 14 008; its INFO to R2 at ~19 100 still saw the link down)
\`\`\`

Redis 7.0.15 \`replication.c\`: \`shouldStartChildReplication\` forks when \`server.unixtime - slave->lastinteraction\` reaches
\`repl_diskless_sync_delay\` for the longest-waiting replica; it is called from \`replicationCron\` (once a second) and
when a child exits (\`checkChildrenDone\`). The +FULLRESYNC reply is sent when the fork happens.

Model fix: the same rule in src/model/redis.ts (\`startPendingFork\`, from the replication cron and when a transfer
ends): the delay now falls between 4 and 6 s with the cron's phase, and some seeds of C11a's variant end by
timeout. Test: src/model/predictions.test.ts, "diskless full resync".`,
  },
  replicaRestartRdb: {
    short: "replica RDB after restart",
    title: "A replica without persistence comes back with the RDB of its last full sync",
    source: "model",
    summary:
      "In A2c both replica boxes die and box 2 comes back 25 s later. Real R2 has save \"\" and appendonly no, yet it loads dump.rdb at start: the RDB it received in its initial full sync, which a replica writes to disk before loading (repl-diskless-load disabled, the default). With that RDB's replication ID and offset it asks for a partial resync and gets it within milliseconds, so M1 has a good replica again at once and C1's NOREPLICAS refusals end at the restart: 142-151 refusals. The model restarted R2 empty, which needs a full resync and the 5 s diskless delay: 200 refusals.",
    evidence: `Real, A2c run 1, R2 after box 2 restarts (t = 35.0 s):

\`\`\`
R2.log 21:18:33.203 * Loading RDB produced by version 7.0.15
R2.log 21:18:33.203 * RDB age 41 seconds
R2.log 21:18:33.203 * Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.
R2.log 21:18:33.205 * Trying a partial resynchronization (request 022933d0…:822).
R2.log 21:18:33.205 * Successful partial resynchronization with master.
\`\`\`

Redis 7.0.15 \`replication.c\` \`readSyncBulkPayload\` writes the transfer to a temporary file and renames it to
dump.rdb before loading it (disk-based load); \`server.c\` \`loadDataFromDisk\` loads dump.rdb whatever the save
settings, and on a replica uses its replication ID and offset as a cached master.

Model fix: src/model/redis.ts keeps the RDB of the last full sync (\`syncRdb\`; at a warm start, the state the
replica starts in) and a restart without persistence loads it. Test: src/model/predictions.test.ts, "a replica
restarted without persistence"; A2c's expectations (the outage ends with R2's partial resync).`,
  },
  warmPhase: {
    short: "timer phases at start",
    title: "How long a fault takes to notice varies over a whole second in real Redis, over half of one in the model",
    source: "model",
    summary:
      "Real Sentinels noticed A2a's partition (+sdown of M1) 2.14 to 2.97 s after it, as expected when the PING that goes unanswered can be due at any moment of the second. The model's Sentinels all began at t = 0 with their first tick within 100 ms, so at the cut their PINGs were still in step with the start: over 200 seeds +sdown came 2.2 to 2.7 s after it, and +switch-master within a 0.45 s band (3.50-3.95 s) that all three real runs (3.39, 4.09, 4.25 s) fell outside of, by 0.1 to 0.3 s (inside the ±1 s tolerance).",
    evidence: `+sdown of M1 after A2a's cut (variant: down-after 2000), by Sentinel:

\`\`\`
real run 1   S2 2 940 ms   S3 2 969 ms
real run 2   S2 2 137 ms   S3 2 176 ms
real run 3   S2 2 266 ms   S3 2 905 ms
model, 200 seeds, before: 2.2-2.8 s (100 ms bins from 2.0 s: 0 0 4 46 159 126 64 1 0 0 0)
model, 200 seeds, after:  2.0-3.1 s (27 43 39 36 44 37 34 40 39 35 24 2)
\`\`\`

Model fix: at a warm start each Sentinel's first tick comes at a random moment of its first second (src/model/
sentinel/sentinel.ts \`start\`), as in a deployment that has been running for a while. This widens every timing
and makes near-simultaneous ODOWNs, and so split votes, possible where only a bare majority is left: B6a and C10b
now fail over on 985 of 1,000 and 299 of 300 seeds, and their expectations say so.`,
  },
  clientPhase: {
    short: "client write phase",
    title: "A box that dies can take a write in flight with it",
    source: "model",
    summary:
      "In A1a run 2 box 1 died 4 ms after C1 had sent a write to M1 on the same box, and C1's history ends with that write unknown. The model's clients wrote exactly on the hundreds of milliseconds of the story, the same instants as its faults, and a fault at the same instant comes first (it was scheduled first): a client on a dying box never had a write in flight, and C1 unknown was 0 on every seed.",
    evidence: `Real, A1a run 2 (t from the start of the run):

\`\`\`
C1  9 901 invoke C1-100    9 901 ok (M1)
C1 10 001 invoke C1-101
    10 004 crash box1 (its processes stopped)
C1 10 020 info C1-101     (the write never got its reply)
\`\`\`

Model fix: a client's first write comes at a random moment of its first period (src/model/client.ts \`start\`), so
its writes are not in step with the timeline's round times. Over 200 seeds of A1a's variant some seeds now have
the write in flight at the crash.`,
  },
  tcpRetransmit: {
    short: "TCP retransmission schedule",
    title: "After a silent drop, stalled connections resume later on Linux than in the model",
    source: "model",
    summary:
      "After A3b's and B7a's 25 s silent partitions the old master was demoted 10.8-11.6 s after the heal on real Redis and 10.4-10.8 s in the model: the first message through after the heal came 1.2-1.6 s after it on Linux, 0.4-0.8 s in the model. Measured on this kernel over loopback (ss -ti), an unanswered segment is probed after 204 ms, then retransmitted 208 ms later with the timeout doubling (204, 412, 828, 1,660 ms … 26.6 s after the first send), where the model retransmitted at 200 ms doubling (200, 600, 1,400 ms … 25.4 s).",
    evidence: `Two sockets over loopback in a throwaway namespace, one message a second, iptables DROP both ways
(ss -tin src … during the cut):

\`\`\`
 1.008  rto:204 rtt:0.038/0.014          (before the cut)
 2.512  CUT
 4.008  rto:816  backoff:2 lastsnd:140  retrans:1/3
 6.008  rto:1632 backoff:3 lastsnd:1308 retrans:1/4
 9.008  rto:3264 backoff:4 lastsnd:2644 retrans:1/5
\`\`\`

Sends of the stalled segment: 3.04 (original), 3.244, 3.452, 3.868, 4.700, 6.364, 9.692 s. A 25 s cut started at
2.5 s and healed at 27.5 s: the stalled data got through at 29.70 s, 26.66 s after it was first sent.

Model fix: \`network.firstRetransmitMs\` 204 and \`rtoInitialMs\` 208 (src/model/network.ts \`nextRetransmit\`).
Test: src/model/network.test.ts, "under drop, queued data arrives at the first retransmission after the heal".`,
  },
} as const satisfies Record<string, Finding>;

export type FindingId = keyof typeof FINDINGS;

export interface Explanation {
  /** Scenario ids it applies to; "*" for every scenario. */
  scenarios: readonly string[] | "*";
  /** Matched against the check's label. */
  check: RegExp;
  finding: FindingId;
  /** Only when the failing runs are exactly these (1-based); otherwise any. */
  runs?: readonly number[];
}

export const EXPLANATIONS: readonly Explanation[] = [
  { scenarios: "*", check: /^events · missing -odown$/, finding: "fsyncSentinel" },
  {
    scenarios: ["a1b-two-sentinels-link-cut", "a2a-three-boxes-master-isolated", "a2b-three-boxes-min-replicas"],
    check: /^client C1 · unknown \(timed out\)$/,
    finding: "fsyncDemotion",
  },
  {
    scenarios: ["c10c-jepsen-min-replicas-2"],
    check: /^client C4 · refused( NOREPLICAS)?$/,
    finding: "clientTiming",
    runs: [2],
  },
  {
    scenarios: ["c10b-jepsen-min-replicas-1", "c10c-jepsen-min-replicas-2"],
    check: /^client C\d · refused/,
    finding: "slaveofLostAtSwitch",
  },
  { scenarios: ["c14-stranded-replica"], check: /^events · extra \+fix-slave-config$/, finding: "slaveofLostAtSwitch" },
];

/** Findings the model was changed for (each says how and which test holds it); the report lists them. */
export const MODEL_FIXES: readonly FindingId[] = [
  "fsyncSentinel",
  "fsyncDemotion",
  "slaveofLostAtSwitch",
  "disklessDelay",
];

/**
 * Differences that came from the harness, found by comparing runs with the model, and fixed (the runs in
 * docs/conformance/runs/ were made after the fixes). The report lists them.
 */
export const HARNESS_FIXES: readonly string[] = [
  "A client whose box crashed had a write acknowledged a few ms before the kill counted twice, as acknowledged and as unknown (B6b C1: unknown 1 where the model has 0): the worker's last records were still in the pipe while the harness applied the crash. The harness now reads a killed worker's output to its end before deciding what was in flight.",
  "Clients brought by add-box (B9a/B9b) or a restart started writing about a second late: a Node worker takes that long to start. Their workers are now started before t0, idle and unconnected, and connect when their box comes up.",
  "The real Sentinel-aware client walked its Sentinels as ioredis does, from the one after the Sentinel that answered last, where the model's client (semantics §13.1) starts from the front and moves the Sentinel that answers there: after the old master's demotion in B6b a reconnection waited for two dead Sentinels (2 × 500 ms) and one write failed NOMASTER where the model has none. The worker now makes ioredis walk the list the model's way, with the model's timeouts (500 ms per Sentinel, the write timeout for a Redis connection).",
  "While the master was unreachable the real client resolved again every ~1.05 s (ioredis's back-off alone), the model's every ~1.55 s (500 ms before resolving again after a connection that never became ready): in A2b the real client once reached the just-promoted master in the 70 ms before its replica attached and got NOREPLICAS twice, which no model seed does. The worker's retry strategy now pauses as the model's client does.",
  "Event times came from pub/sub, which a Sentinel serves only when its event loop gets back to its clients: after a sentinel.conf fsync, +failover-end and +switch-master arrived up to ~110 ms after the Sentinel logged them. Events now take the time of their log line where there is one.",
  "A client on a box that crashed or was removed could start one more write while the harness applied the box's iptables rules (about 30 ms) before killing it, and recorded it as unknown where the model's dead box makes none (B9b run 3, C5). The box's processes are now stopped first (SIGSTOP), then cut off, then killed, and the action's time is when they stopped.",
  "For a group no Sentinel monitors (B8a, B8b: a migration with virtual IPs), the harness asked only Sentinels for the final master, found none, and counted every acknowledged write as lost (520-650 per client). It now decides as the model does: the master a virtual IP points at, else the master an operator promoted last, else the group's only master.",
  "An action's time was taken after it was applied (a crash with several clients took up to 200 ms); it is now the moment its iptables rules are in force.",
  "C13's 2 s partition is not short under the conformance down-after of 2000 ms: the variant now scales a fault shorter than the scenario's down-after by 2000 / down-after (C13: 800 ms), for the real run and the model alike.",
];
