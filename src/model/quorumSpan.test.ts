import { describe, expect, it } from "vitest";
import { sentinelConfig } from "../scenario/schema";
import { QuorumSpan } from "./quorumSpan";
import { Recorder } from "./recorder";
import { getLeader } from "./sentinel/election";
import { F, newInstance, newMaster } from "./sentinel/instance";
import type { Sentinel } from "./sentinel/sentinel";

describe("QuorumSpan", () => {
  it("narrows to the quorums on the same side of every compared count", () => {
    const span = new QuorumSpan();
    expect(span.range()).toEqual({ lo: 1, hi: Number.POSITIVE_INFINITY });
    expect(span.atLeast(1, 3)).toBe(false);
    expect(span.atLeast(2, 3)).toBe(false);
    expect(span.atLeast(4, 3)).toBe(true);
    expect(span.range()).toEqual({ lo: 3, hi: 4 });
  });

  it("covers nothing once two quorums were compared", () => {
    const span = new QuorumSpan();
    span.atLeast(1, 2);
    span.atLeast(1, 3);
    expect(span.range()).toBeNull();
  });
});

describe("the election's quorum test", () => {
  /** A Sentinel that already voted for itself in epoch 5, with four peers of which `peerVotes` voted for it. */
  function elect(quorum: number, peerVotes: number) {
    const rec = new Recorder("test", 1);
    const m = newMaster("g", "10.0.0.1", 6379, sentinelConfig({ quorum }), 0);
    m.leader = "me";
    m.leaderEpoch = 5;
    for (let i = 0; i < 4; i++) {
      const peer = newInstance(F.SENTINEL, `peer${i}`, "10.0.0.9", 26379 + i, m, 0);
      if (i < peerVotes) {
        peer.leader = "me";
        peer.leaderEpoch = 5;
      }
      m.sentinels.set(peer.name, peer);
    }
    const s = { myid: "me", currentEpoch: 5, rec, options: { failoverWithoutMajority: false } } as unknown as Sentinel;
    return { result: getLeader(s, m, 5), span: rec.quorumSpan };
  }

  it("is recorded when the votes are a majority, since the quorum then decides", () => {
    const { result, span } = elect(4, 2);
    expect(result.winner).toBeNull();
    expect(span.range()).toEqual({ lo: 4, hi: Number.POSITIVE_INFINITY });
  });

  it("is not recorded below a majority, where every quorum loses alike", () => {
    const { result, span } = elect(2, 1);
    expect(result.winner).toBeNull();
    expect(span.range()).toEqual({ lo: 1, hi: Number.POSITIVE_INFINITY });
  });
});
