import { useEffect, useRef, useState } from "react";
import { addAction } from "../scenario/edit";
import { everyBox } from "../scenario/faults";
import type { ProcessSpec } from "../scenario/schema";
import { useLab } from "../store/context";
import { secs } from "./format";

// Scale out at the playhead: a new box with a Sentinel, a replica and/or a client.

function freshId(used: Set<string>, prefix: string): string {
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  used.add(`${prefix}${n}`);
  return `${prefix}${n}`;
}

export function AddBoxDialog({ onClose }: { onClose: () => void }) {
  const scenario = useLab((s) => s.scenario);
  const t = useLab((s) => s.playheadMs);
  const edit = useLab((s) => s.edit);
  const ref = useRef<HTMLDialogElement>(null);
  const [sentinel, setSentinel] = useState(true);
  const [replica, setReplica] = useState(false);
  const [client, setClient] = useState(false);
  const [group, setGroup] = useState(scenario.groups[0]!.name);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const add = () => {
    const boxes = everyBox(scenario);
    const used = new Set([...boxes.map((b) => b.id), ...boxes.flatMap((b) => b.processes.map((p) => p.id))]);
    const id = freshId(used, "box");
    const sentinels = boxes
      .flatMap((b) => b.processes)
      .filter((p) => p.kind === "sentinel")
      .map((p) => p.id);
    const master = boxes
      .flatMap((b) => b.processes)
      .find((p) => p.kind === "redis" && p.group === group && !p.replicaof);
    const processes: ProcessSpec[] = [];
    const sid = sentinel ? freshId(used, "S") : null;
    if (sid) processes.push({ kind: "sentinel", id: sid });
    if (replica && master) processes.push({ kind: "redis", id: freshId(used, "R"), group, replicaof: master.id });
    if (client && (sid || sentinels.length))
      processes.push({
        kind: "client",
        id: freshId(used, "C"),
        group,
        target: { via: "sentinel", sentinels: sid ? [sid, ...sentinels] : sentinels, subscribe: false },
        rateHz: 10,
        timeoutMs: 1000,
        startMs: t,
      });
    if (processes.length)
      edit(addAction({ atMs: t, action: "add-box", box: { id, label: `Box ${id.slice(3)}`, processes } }, `add ${id}`));
    onClose();
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="add-box-title" onClose={onClose}>
      <h2 id="add-box-title">Add a box at {secs(t)}</h2>
      <label>
        <input type="checkbox" checked={sentinel} onChange={(e) => setSentinel(e.target.checked)} /> a Sentinel
      </label>
      <label>
        <input type="checkbox" checked={replica} onChange={(e) => setReplica(e.target.checked)} /> a Redis replica
      </label>
      <label>
        <input type="checkbox" checked={client} onChange={(e) => setClient(e.target.checked)} /> a client writing 10
        times a second
      </label>
      {scenario.groups.length > 1 && (
        <label>
          Group{" "}
          <select value={group} onChange={(e) => setGroup(e.target.value)}>
            {scenario.groups.map((g) => (
              <option key={g.name}>{g.name}</option>
            ))}
          </select>
        </label>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={add} disabled={!sentinel && !replica && !client}>
          Add the box
        </button>
      </div>
    </dialog>
  );
}
