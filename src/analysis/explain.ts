import type { NetSnap, SentinelGroupView, SentinelSnap, Trace, TraceEvent } from "../model/trace";
import { type Scenario, SENTINEL_DEFAULTS } from "../scenario/schema";
import { type Failover, failovers } from "./outcomes";
import { snapAt } from "./stateAt";

// Plain-language answers to "why is there no failover?" and "why did this failover happen?", read from the
// trace at the playhead: each Sentinel's view (flags, epoch, peers it reaches) and the log events of the
// election (+odown, +vote-for-leader, #election, -failover-abort-*). Semantics §4 (SDOWN/ODOWN), §6 (votes).

export type Verdict = "healthy" | "waiting" | "no-failover" | "in-progress" | "failover" | "unmonitored";

export interface Explanation {
  group: string;
  verdict: Verdict;
  question: string;
  /** The answer in one sentence. */
  summary: string;
  /** The steps behind it, in order. */
  details: string[];
  /** Moments worth jumping to. */
  refs: Array<{ tMs: number; label: string }>;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "S1", "S1 and S2", "S1, S2 and S3". */
export function listNames(ids: readonly string[]): string {
  if (ids.length <= 1) return ids[0] ?? "";
  return `${ids.slice(0, -1).join(", ")} and ${ids.at(-1)}`;
}

interface View {
  id: string;
  snap: SentinelSnap;
  view: SentinelGroupView;
}

interface Ctx {
  trace: Trace;
  group: string;
  t: number;
  quorum: number;
  whatIf: boolean;
  views: View[];
  events: TraceEvent[];
  runidOf: Map<string, string>;
  net: NetSnap | null;
}

function boxOf(trace: Trace, id: string): string | undefined {
  return trace.processes.find((p) => p.id === id)?.box;
}

function canTalk(c: Ctx, a: string, b: string): boolean {
  const [ba, bb] = [boxOf(c.trace, a), boxOf(c.trace, b)];
  if (!ba || !bb || !c.net) return true;
  if (c.net.downBoxes.includes(ba) || c.net.downBoxes.includes(bb)) return false;
  return !c.net.cuts.some((x) => (x.from === ba && x.to === bb) || (x.from === bb && x.to === ba));
}

/** Why a peer is not reachable, in a word. */
function peerState(c: Ctx, id: string): string {
  const snap = snapAt(c.trace.timelines.sentinel[id], c.t);
  if (!snap?.alive) return "down";
  if (snap.paused) return "paused";
  return "unreachable";
}

function unreachablePeers(c: Ctx, v: View): string[] {
  return c.views.map((x) => x.id).filter((id) => id !== v.id && !v.snap.reachablePeers.includes(id));
}

function describePeers(c: Ctx, ids: string[]): string {
  const byState = new Map<string, string[]>();
  for (const id of ids) byState.set(peerState(c, id), [...(byState.get(peerState(c, id)) ?? []), id]);
  return [...byState].map(([state, who]) => `${listNames(who)} ${who.length === 1 ? "is" : "are"} ${state}`).join("; ");
}

/** Votes cast in an epoch, per candidate: voter ids in the order they voted. */
function votesIn(c: Ctx, epoch: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of c.events) {
    if (e.name !== "+vote-for-leader") continue;
    const [runid, ep] = e.text.split(" ");
    if (Number(ep) !== epoch) continue;
    const candidate = c.runidOf.get(runid ?? "") ?? runid ?? "?";
    const voters = out.get(candidate) ?? [];
    if (!voters.includes(e.process)) voters.push(e.process);
    out.set(candidate, voters);
  }
  return out;
}

function tally(votes: Map<string, string[]>): string {
  return [...votes].map(([cand, voters]) => `${listNames(voters)} for ${cand}`).join(", ");
}

function lastEvent(c: Ctx, pred: (e: TraceEvent) => boolean, fromMs = 0): TraceEvent | undefined {
  for (let i = c.events.length - 1; i >= 0; i--) {
    const e = c.events[i]!;
    if (e.tMs < fromMs) return undefined;
    if (pred(e)) return e;
  }
  return undefined;
}

/** The fault or operator action that most plausibly started the trouble: the last one before `beforeMs`, preferring one that names the master or its box. */
function causeBefore(c: Ctx, master: string, fromMs: number, beforeMs: number): string {
  const near = c.trace.actions.filter((x) => x.tMs >= fromMs && x.tMs <= beforeMs).reverse();
  const names = [master, boxOf(c.trace, master)].filter((x): x is string => !!x);
  const mentions = (summary: string) => summary.split(/[^A-Za-z0-9_.-]+/).some((w) => names.includes(w));
  const a = near.find((x) => mentions(x.summary)) ?? near[0];
  return a ? ` after "${a.summary}" at ${sec(a.tMs)}` : "";
}

function explainFailover(c: Ctx, f: Failover, prevMs: number): Explanation {
  const details: string[] = [];
  const refs = [{ tMs: f.tMs, label: "+switch-master" }];
  const forced = c.trace.actions.find((a) => a.action === "sentinel-failover" && a.tMs >= prevMs && a.tMs <= f.tMs);
  const sdowns = c.events.filter(
    (e) => e.name === "+sdown" && e.subject === f.from && e.text.startsWith("master") && e.tMs >= prevMs,
  );
  const odown = c.events.find((e) => e.name === "+odown" && e.process === f.leader && e.tMs >= prevMs);
  if (forced) details.push(`An operator ran ${forced.summary} at ${sec(forced.tMs)}: a forced failover skips ODOWN.`);
  else if (sdowns[0]) {
    const who = [...new Set(sdowns.map((e) => e.process))];
    details.push(
      `${listNames(who)} stopped getting valid replies from ${f.from} and marked it down (+sdown) from ${sec(sdowns[0].tMs)}${causeBefore(c, f.from, prevMs, sdowns[0].tMs)}.`,
    );
    refs.push({ tMs: sdowns[0].tMs, label: "+sdown" });
  }
  if (odown) {
    const q = /#quorum (\d+)\/(\d+)/.exec(odown.text);
    details.push(
      `${odown.process} reached ODOWN at ${sec(odown.tMs)}: ${q ? `${plural(Number(q[1]), "Sentinel")} agreed, quorum ${q[2]}` : "enough Sentinels agreed"}.`,
    );
    refs.push({ tMs: odown.tMs, label: "+odown" });
  }
  const votes = votesIn(c, f.epoch);
  const mine = f.leader ? (votes.get(f.leader) ?? []) : [];
  const leaderView = f.leader ? snapAt(c.trace.timelines.sentinel[f.leader], f.tMs)?.groups[c.group] : undefined;
  const known = (leaderView?.knownSentinels ?? 0) + 1;
  const needed = c.whatIf ? c.quorum : Math.max(c.quorum, Math.floor(known / 2) + 1);
  if (f.leader)
    details.push(
      `${f.leader} was elected leader of epoch ${f.epoch} with ${plural(mine.length, "vote")} (${listNames(mine)}); it needed ${needed}${c.whatIf ? " (quorum only: what-if mode)" : `, a majority of the ${known} Sentinels it knows and at least the quorum`}.`,
    );
  const blind = mine.filter((v) => {
    const vote = c.events.find(
      (e) => e.name === "+vote-for-leader" && e.process === v && Number(e.text.split(" ")[1]) === f.epoch,
    );
    const when = vote?.tMs ?? f.tMs;
    const flags = snapAt(c.trace.timelines.sentinel[v], when)?.groups[c.group]?.flags ?? [];
    return v !== f.leader && !flags.includes("s_down");
  });
  if (blind.length)
    details.push(
      `${listNames(blind)} voted without seeing ${f.from} down: a Sentinel grants its vote to the first candidate that asks in an epoch.`,
    );
  details.push(
    `${f.leader ?? "The leader"} promoted ${f.to}${f.promotedMs !== null ? ` at ${sec(f.promotedMs)}` : ""}; the configuration switched to ${f.to} at ${sec(f.tMs)} (+switch-master).`,
  );
  if (c.whatIf)
    details.push("What-if mode: real Sentinel would not have done this without the votes of a majority of Sentinels.");
  const stale = c.views.filter((v) => v.view.master !== f.to && v.snap.alive && v.view.failoverState === "none");
  if (stale.length)
    details.push(
      `${listNames(stale.map((v) => v.id))} still ${stale.length === 1 ? "names" : "name"} ${listNames([...new Set(stale.map((v) => v.view.master ?? "?"))])} as master: ${stale.length === 1 ? "it has" : "they have"} not heard of the switch.`,
    );
  const summary = forced
    ? `An operator forced it: ${forced.summary}.`
    : `${f.leader ?? "A Sentinel"} saw ${f.from} down${odown ? " with the quorum agreeing" : ""}, won ${plural(mine.length, "vote")} in epoch ${f.epoch} (${needed} needed), and promoted ${f.to}.`;
  return { group: c.group, verdict: "failover", question: "Why did this failover happen?", summary, details, refs };
}

function explainStuck(c: Ctx, master: string, sd: View[]): Explanation {
  const details: string[] = [];
  const refs: Explanation["refs"] = [];
  const question = "Why is there no failover?";
  const od = sd.filter((v) => v.view.flags.includes("o_down"));
  const seeing = listNames(sd.map((v) => v.id));
  const firstSdown = c.events.find((e) => e.name === "+sdown" && e.subject === master && e.text.startsWith("master"));
  if (firstSdown) refs.push({ tMs: firstSdown.tMs, label: "+sdown" });
  if (!od.length) {
    const others = c.views.filter((v) => !sd.includes(v));
    const stopped = others.filter((v) => peerState(c, v.id) !== "unreachable").map((v) => v.id);
    const fine = others.filter((v) => !stopped.includes(v.id)).map((v) => v.id);
    const why = [
      stopped.length ? describePeers(c, stopped) : "",
      fine.length ? `${listNames(fine)} still ${fine.length === 1 ? "gets" : "get"} replies from ${master}` : "",
    ].filter(Boolean);
    const summary = `${seeing} ${sd.length === 1 ? "sees" : "see"} ${master} down (SDOWN), but ODOWN needs quorum ${c.quorum} and only ${sd.length} ${sd.length === 1 ? "agrees" : "agree"}${why.length ? `; ${why.join("; ")}` : ""}.`;
    return { group: c.group, verdict: "no-failover", question, summary, details, refs };
  }
  const ref = od[0]!;
  const peersDown = unreachablePeers(c, ref);
  const known = ref.view.knownSentinels + 1;
  const needed = c.whatIf ? c.quorum : Math.max(c.quorum, Math.floor(known / 2) + 1);
  const running = c.views.find((v) => v.view.failoverState !== "none");
  if (running) {
    const epoch = running.snap.currentEpoch;
    const summary =
      running.view.failoverState === "wait_start"
        ? `${running.id} asked for votes in epoch ${epoch} and waits for them: it needs ${needed} of ${known} known Sentinels${peersDown.length ? `; ${describePeers(c, peersDown)}` : ""}.`
        : `${running.id} won the election of epoch ${epoch} and is failing over (${running.view.failoverState.replaceAll("_", " ")}).`;
    return { group: c.group, verdict: "in-progress", question: "What is happening?", summary, details, refs };
  }
  const election = lastEvent(c, (e) => e.name === "#election" && od.some((v) => v.id === e.process));
  const noSlave = lastEvent(c, (e) => e.name === "-failover-abort-no-good-slave");
  const retry = lastEvent(c, (e) => e.name === "#note" && e.text.startsWith("Next failover delay"));
  let summary = `${listNames(od.map((v) => v.id))} ${od.length === 1 ? "sees" : "see"} ODOWN with quorum ${c.quorum} but a leader needs ${needed} votes of ${known} known Sentinels${peersDown.length ? `; ${describePeers(c, peersDown)}` : ""}.`;
  if (noSlave && (!election || noSlave.tMs > election.tMs)) {
    const replicas = c.trace.processes.filter((p) => p.kind === "redis" && p.group === c.group && p.id !== master);
    const why = replicas.map((r) => {
      const snap = snapAt(c.trace.timelines.redis[r.id], c.t);
      if (!snap?.alive) return `${r.id} is down`;
      return canTalk(c, noSlave.process, r.id) ? `${r.id} is not a valid candidate` : `${r.id} is cut off from it`;
    });
    summary = `${noSlave.process} was elected but found no replica it could promote: ${why.join("; ") || "there is none"}.`;
    refs.push({ tMs: noSlave.tMs, label: "-failover-abort-no-good-slave" });
  } else if (election) {
    const m = /epoch (\d+): (\d+) votes? of (\d+) needed \((\d+) Sentinels known\)/.exec(election.text);
    if (m) {
      const votes = votesIn(c, Number(m[1]));
      const candidates = [...votes.keys()];
      details.push(
        candidates.length > 1
          ? `In epoch ${m[1]} the votes split: ${[...votes].map(([cand, voters]) => `${cand} got ${voters.length} (${listNames(voters)})`).join(", ")}, and ${m[3]} were needed. ${listNames(candidates)} ${candidates.length === 2 ? "both" : "all"} started within one round trip, each voting for itself before the other's request came; ${election.process} gave up at ${sec(election.tMs)} (-failover-abort-not-elected).`
          : `In epoch ${m[1]} ${election.process} got ${plural(Number(m[2]), "vote")} of the ${m[3]} it needed (${tally(votes)}) and gave up at ${sec(election.tMs)} (-failover-abort-not-elected).`,
      );
      refs.push({ tMs: election.tMs, label: "-failover-abort-not-elected" });
    }
  } else details.push(`No Sentinel has finished an election for ${master} yet.`);
  const removed = removedSentinels(c);
  if (removed.length && needed > known - removed.length)
    details.push(
      `${listNames(removed)} ${removed.length === 1 ? "was" : "were"} removed, but ${ref.id} still counts ${known} Sentinels: a Sentinel forgets a peer only on SENTINEL RESET, so the ${needed} votes stay out of reach.`,
    );
  if (retry && retry.tMs <= c.t) details.push(`${retry.process}: "${retry.text}" (2 × failover-timeout).`);
  return { group: c.group, verdict: "no-failover", question, summary, details, refs };
}

/** Sentinels on boxes that `remove-box` took away by now. */
function removedSentinels(c: Ctx): string[] {
  const gone = new Set(c.trace.actions.filter((a) => a.action === "remove-box" && a.tMs <= c.t).map((a) => a.summary));
  return c.trace.processes
    .filter((p) => p.kind === "sentinel" && [...gone].some((g) => g.endsWith(` ${p.box}`)))
    .map((p) => p.id);
}

function explainQuiet(c: Ctx, master: string): Explanation {
  const snap = snapAt(c.trace.timelines.redis[master], c.t);
  const blind = c.views.filter((v) => v.snap.alive && (!snap?.alive || !canTalk(c, v.id, master)));
  const cfg = c.views[0]?.view;
  if (blind.length) {
    const summary = `${listNames(blind.map((v) => v.id))} cannot reach ${master}${causeBefore(c, master, 0, c.t).replace(" after", " since")}; a Sentinel calls a master down only after down-after-milliseconds without a valid reply.`;
    return {
      group: c.group,
      verdict: "waiting",
      question: "Why is there no failover yet?",
      summary,
      details: [],
      refs: [],
    };
  }
  const details: string[] = [];
  if (snap?.alive && snap.role === "master" && !snap.accepting && !snap.loading)
    details.push(
      `${master} refuses writes (${snap.goodReplicas} good replicas, fewer than min-replicas-to-write), but it answers PING, so Sentinel has nothing to fail over: the group is down for writes.`,
    );
  const summary = `${master} is up and every running Sentinel gets its replies${cfg ? ` (configuration epoch ${cfg.configEpoch})` : ""}: there is nothing to fail over.`;
  return { group: c.group, verdict: "healthy", question: "Why is there no failover?", summary, details, refs: [] };
}

/** The answer for one replication group at time t. */
export function explain(trace: Trace, scenario: Scenario, group: string, tMs: number): Explanation {
  const views: View[] = [];
  for (const p of trace.processes) {
    if (p.kind !== "sentinel" || p.bornMs > tMs) continue;
    const snap = snapAt(trace.timelines.sentinel[p.id], tMs);
    const view = snap?.groups[group];
    if (snap && view) views.push({ id: p.id, snap, view });
  }
  const quorum = scenario.groups.find((g) => g.name === group)?.sentinel?.quorum ?? SENTINEL_DEFAULTS.quorum;
  const c: Ctx = {
    trace,
    group,
    t: tMs,
    quorum,
    whatIf: scenario.whatIf?.failoverWithoutMajority ?? false,
    views,
    events: trace.events.filter((e) => e.group === group && e.tMs <= tMs),
    runidOf: new Map(trace.processes.flatMap((p) => (p.runid ? [[p.runid, p.id] as const] : []))),
    net: snapAt(trace.timelines.net, tMs),
  };
  if (!views.length)
    return {
      group,
      verdict: "unmonitored",
      question: "Who changes the master?",
      summary: `No Sentinel monitors ${group} now: its master changes only by operator actions (REPLICAOF, moving the virtual IP).`,
      details: [],
      refs: [],
    };
  const newest = views.reduce((a, b) => (b.view.configEpoch > a.view.configEpoch ? b : a));
  const master = newest.view.master ?? newest.view.masterAddr;
  const sd = views.filter((v) => v.snap.alive && v.view.master === master && v.view.flags.includes("s_down"));
  if (sd.length) return explainStuck(c, master, sd);
  const done = failovers(trace, group).filter((f) => f.tMs <= tMs);
  const last = done.at(-1);
  if (last) return explainFailover(c, last, done.at(-2)?.tMs ?? 0);
  return explainQuiet(c, master);
}

export function explainAll(trace: Trace, scenario: Scenario, tMs: number): Explanation[] {
  return scenario.groups.map((g) => explain(trace, scenario, g.name, tMs));
}
