import { hashString } from "../sim";
import { F, type MasterInstance } from "./instance";
import { MAX_DESYNC, type Sentinel } from "./sentinel";

// Epochs and leader election (semantics §6).

/** sentinelVoteLeader: first come, first served, one vote per epoch; the voter does not check the master (§6.2). */
export function voteLeader(s: Sentinel, m: MasterInstance, reqEpoch: number, reqRunid: string): string | null {
  if (reqEpoch > s.currentEpoch) s.setCurrentEpoch(reqEpoch, m);
  if (m.leaderEpoch < reqEpoch && s.currentEpoch <= reqEpoch) {
    m.leader = reqRunid;
    m.leaderEpoch = s.currentEpoch;
    s.rec.recordVote(s, m.name, m.leaderEpoch, reqRunid);
    s.flushConfig();
    s.event("+vote-for-leader", `${reqRunid} ${m.leaderEpoch}`, m);
    // Voting for a peer blocks our own attempt for 2 × failover-timeout (§6.2, §17.5).
    if (reqRunid !== s.myid) m.failoverStartTime = s.now() + s.rng.int(MAX_DESYNC);
  }
  return m.leader;
}

export interface LeaderResult {
  winner: string | null;
  votes: number;
  needed: number;
  voters: number;
}

/** A majority of `voters`: every Sentinel the master's entry knows, reachable or not, and this one. */
function majorityOf(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** Votes a candidate needs: a majority of every Sentinel it knows (reachable or not) and at least quorum (§6.3). */
export function votesNeeded(m: MasterInstance, majority: boolean): number {
  return majority ? Math.max(m.quorum, majorityOf(m.sentinels.size + 1)) : m.quorum;
}

/** sentinelGetLeader: tally the peers' votes of the current epoch, add our own, require the majority. */
export function getLeader(s: Sentinel, m: MasterInstance, epoch: number): LeaderResult {
  const counters = new Map<string, number>();
  const voters = m.sentinels.size + 1;
  for (const ri of m.sentinels.values())
    if (ri.leader !== null && ri.leaderEpoch === s.currentEpoch)
      counters.set(ri.leader, (counters.get(ri.leader) ?? 0) + 1);
  // Redis breaks ties by hash-table order; a seeded order stands in for it (§6.3 step 3).
  let winner: string | null = null;
  let maxVotes = 0;
  const order = [...counters.keys()].sort(
    (a, b) => hashString(`${s.myid}${a}`) - hashString(`${s.myid}${b}`) || (a < b ? -1 : 1),
  );
  for (const id of order) {
    const v = counters.get(id)!;
    if (v > maxVotes) {
      maxVotes = v;
      winner = id;
    }
  }
  const myVote = voteLeader(s, m, epoch, winner ?? s.myid);
  if (myVote && m.leaderEpoch === epoch) {
    const v = (counters.get(myVote) ?? 0) + 1;
    counters.set(myVote, v);
    if (v > maxVotes) {
      maxVotes = v;
      winner = myVote;
    }
  }
  const majority = !s.options.failoverWithoutMajority;
  // maxVotes >= votesNeeded, written as two tests so that the quorum's own test is recorded only when it decides.
  if (winner && majority && maxVotes < majorityOf(voters)) winner = null;
  if (winner && !s.rec.quorumSpan.atLeast(maxVotes, m.quorum)) winner = null;
  return { winner, votes: maxVotes, needed: votesNeeded(m, majority), voters };
}

export function isFailoverInProgress(m: MasterInstance): boolean {
  return (m.flags & F.FAILOVER_IN_PROGRESS) !== 0;
}
