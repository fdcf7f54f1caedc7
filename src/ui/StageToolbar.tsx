import { useState } from "react";
import type { PartitionKind } from "../scenario/edit";
import { useLab } from "../store/context";
import { AddBoxDialog } from "./AddBoxDialog";

// Above the topology: how a new cut behaves, adding a box, and the one-line hint of what can be dragged.

export function StageToolbar() {
  const kind = useLab((s) => s.partitionKind);
  const setKind = useLab((s) => s.setPartitionKind);
  const [adding, setAdding] = useState(false);
  return (
    <div className="stage-toolbar">
      <fieldset className="segmented" aria-label="New cuts">
        <legend>New cuts</legend>
        {(["drop", "reject"] as PartitionKind[]).map((k) => (
          <label
            key={k}
            title={k === "drop" ? "Packets vanish: TCP retries and times out" : "Connections are refused at once"}
          >
            <input type="radio" name="partition-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {k === "drop" ? "drop packets" : "reject connections"}
          </label>
        ))}
      </fieldset>
      <button type="button" className="small" onClick={() => setAdding(true)}>
        Add a box…
      </button>
      {/* No clock in here: text that changes every frame would make the whole stage be laid out again. */}
      <p className="hint">Drag a box away to cut it off at the playhead, back to heal. Click one for more.</p>
      {adding && <AddBoxDialog onClose={() => setAdding(false)} />}
    </div>
  );
}
