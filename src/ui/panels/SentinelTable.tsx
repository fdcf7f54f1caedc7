import { memo } from "react";
import type { SentinelSnap } from "../../model/trace";
import { useWorld } from "../../store/selectors";

// Each Sentinel's view at the playhead: flags, epochs, its vote, the master it believes in, the peers it reaches.

const FLAG_TEXT: Record<string, string> = { s_down: "SDOWN", o_down: "ODOWN", failover_in_progress: "failing over" };

/** One Sentinel's row; the snapshot is the trace's own object, so an unchanged Sentinel is not redrawn. */
const Row = memo(function Row({ id, s, known }: { id: string; s: SentinelSnap | null; known: string }) {
  if (!s)
    return (
      <tr>
        <th scope="row">{id}</th>
        <td colSpan={4} className="muted">
          not started yet
        </td>
      </tr>
    );
  const groups = Object.entries(s.groups);
  const state = !s.alive ? "down" : s.paused ? "paused" : s.tilt ? "TILT" : "";
  const unreachable = known.split(",").filter((k) => k !== id && !s.reachablePeers.includes(k));
  return (
    <tr className={state ? "is-off" : ""}>
      <th scope="row">
        {id}
        {state && <span className="badge off">{state}</span>}
      </th>
      <td>
        {groups.map(([g, v]) => (
          <div key={g}>
            {g}: <strong>{v.master ?? v.masterAddr}</strong>{" "}
            <span className="muted">(config epoch {v.configEpoch})</span>
          </div>
        ))}
      </td>
      <td>
        {groups.map(([g, v]) => (
          <div key={g}>
            {v.flags.map((f) => (
              <span key={f} className={`badge flag-${f}`}>
                {FLAG_TEXT[f] ?? f}
              </span>
            ))}
            {v.failoverState !== "none" && <span className="badge">{v.failoverState.replaceAll("_", " ")}</span>}
            {!v.flags.length && v.failoverState === "none" && <span className="muted">–</span>}
          </div>
        ))}
      </td>
      <td>
        {s.currentEpoch}
        {groups.map(([g, v]) =>
          v.leader ? (
            <div key={g} className="muted">
              voted {v.leader} in {v.leaderEpoch}
            </div>
          ) : null,
        )}
      </td>
      <td>
        {s.reachablePeers.join(", ") || <span className="muted">none</span>}
        {groups[0] && (
          <div className="muted">
            knows {groups[0][1].knownSentinels + 1}
            {unreachable.length > 0 && `; not ${unreachable.join(", ")}`}
          </div>
        )}
      </td>
    </tr>
  );
});

export function SentinelTable() {
  const world = useWorld();
  const sentinels = Object.entries(world?.sentinel ?? {});
  if (!sentinels.length) return <p className="muted">No Sentinels in this scenario.</p>;
  const known = sentinels.map(([id]) => id).join(",");
  return (
    <table className="sentinels">
      <caption>Each Sentinel at the playhead</caption>
      <thead>
        <tr className="sentinels-head">
          <th scope="col">Sentinel</th>
          <th scope="col">Group: believed master</th>
          <th scope="col">Flags</th>
          <th scope="col">Epoch · vote</th>
          <th scope="col">Reaches</th>
        </tr>
      </thead>
      <tbody>
        {sentinels.map(([id, s]) => (
          <Row key={id} id={id} s={s} known={known} />
        ))}
      </tbody>
    </table>
  );
}
