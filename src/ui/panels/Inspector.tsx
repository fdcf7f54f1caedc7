import type { WorldState } from "../../analysis/stateAt";
import { setClientOption, setRedisOption } from "../../scenario/editConfig";
import { everyBox } from "../../scenario/faults";
import { type ProcessSpec, REDIS_DEFAULTS, type Scenario } from "../../scenario/schema";
import { useLab, useLabStore } from "../../store/context";
import { useBands, useSides, useWorld } from "../../store/selectors";
import { boxMenu, type MenuContext, type MenuEntry, processMenu } from "../topology/menuItems";
import { GroupSettings, REDIS_OPTIONS, ScenarioSettings } from "./ConfigEditor";
import { Field } from "./Field";

// The selected box or process: its state at the playhead, its own settings, and its actions; then the
// settings of its group, the network and the run.

function StateList({ p, world }: { p: ProcessSpec; world: WorldState | null }) {
  const rows: Array<[string, string]> = [];
  if (p.kind === "redis") {
    const s = world?.redis[p.id];
    if (s)
      rows.push(
        ["running", s.alive ? (s.paused ? "paused" : "yes") : "no"],
        ["role", s.role],
        ["master", s.master ?? "–"],
        ["replication link", s.role === "replica" ? (s.linkUp ? "up" : "down") : "–"],
        ["replid · offset", `${s.replid.slice(0, 8)} · ${s.offset.toLocaleString("en")}`],
        ["accepts writes", s.accepting ? "yes" : "no"],
        ["good replicas", String(s.goodReplicas)],
      );
  } else if (p.kind === "sentinel") {
    const s = world?.sentinel[p.id];
    if (s) {
      rows.push(
        ["running", s.alive ? (s.paused ? "paused" : s.tilt ? "TILT" : "yes") : "no"],
        ["current epoch", String(s.currentEpoch)],
      );
      for (const [g, v] of Object.entries(s.groups))
        rows.push([
          `${g}`,
          `${v.master ?? v.masterAddr} (config epoch ${v.configEpoch})${v.flags.length ? `, ${v.flags.join(", ")}` : ""}`,
        ]);
      rows.push(["reaches", s.reachablePeers.join(", ") || "no peer"]);
    }
  } else {
    const s = world?.client[p.id];
    if (s) rows.push(["running", s.alive ? "yes" : "no"], ["state", s.state], ["writes to", s.target ?? "–"]);
  }
  if (!rows.length) return <p className="muted">Not started at this time.</p>;
  return (
    <dl className="state-list">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function ProcessSettings({ p, scenario }: { p: ProcessSpec; scenario: Scenario }) {
  if (p.kind === "redis") {
    const group = scenario.groups.find((g) => g.name === p.group);
    return (
      <section className="settings" aria-label={`Settings of ${p.id}`}>
        <h3>{p.id}'s own Redis settings</h3>
        <p className="help">Empty fields inherit the group's value, shown greyed.</p>
        {REDIS_OPTIONS.map(([opt, help, kind]) => (
          <Field
            key={opt}
            name={opt}
            help={help}
            kind={kind}
            value={p.config?.[opt]}
            placeholder={String(group?.redis?.[opt] ?? REDIS_DEFAULTS[opt])}
            allowEmpty
            toEdit={(v) => setRedisOption({ process: p.id }, opt, v)}
          />
        ))}
      </section>
    );
  }
  if (p.kind === "client")
    return (
      <section className="settings" aria-label={`Settings of ${p.id}`}>
        <h3>{p.id}'s settings</h3>
        <p className="help">
          Connects{" "}
          {p.target.via === "sentinel"
            ? `through Sentinels ${p.target.sentinels.join(", ")}`
            : p.target.via === "fixed"
              ? `to ${p.target.redis}`
              : `to ${p.target.vip}`}
        </p>
        <Field
          name="timeout (ms)"
          help="a write with no reply is unknown"
          kind="int"
          value={p.timeoutMs}
          toEdit={(v) => setClientOption(p.id, "timeoutMs", v as number)}
        />
        <Field
          name="rate (writes/s)"
          kind="number"
          value={p.rateHz}
          toEdit={(v) => setClientOption(p.id, "rateHz", v as number)}
        />
        <Field
          name="first write at (ms)"
          kind="int"
          value={p.startMs}
          toEdit={(v) => setClientOption(p.id, "startMs", v as number)}
        />
      </section>
    );
  return null;
}

function Actions({ entries }: { entries: MenuEntry[] }) {
  const edit = useLab((s) => s.edit);
  return (
    <div className="actions">
      {entries.map((m) =>
        "heading" in m ? (
          <h4 key={`h-${m.heading}`}>{m.heading}</h4>
        ) : (
          <button
            key={m.label}
            type="button"
            className="small"
            disabled={!!m.disabled}
            title={m.disabled}
            onClick={() => edit(m.edit)}
          >
            {m.label}
          </button>
        ),
      )}
    </div>
  );
}

export function Inspector() {
  const store = useLabStore();
  const scenario = useLab((s) => s.scenario);
  const selection = useLab((s) => s.selection);
  const t = useLab((s) => s.playheadMs);
  const kind = useLab((s) => s.partitionKind);
  const world = useWorld();
  const sides = useSides();
  const bands = useBands();
  const boxes = everyBox(scenario);
  const box = boxes.find((b) => b.id === selection?.id || b.processes.some((p) => p.id === selection?.id));
  const proc = box?.processes.find((p) => p.id === selection?.id);
  const ctx: MenuContext = { scenario, tMs: t, world, sides, bands, kind };
  const groups = proc && "group" in proc ? [proc.group] : scenario.groups.map((g) => g.name);
  return (
    <div className="inspector">
      <label className="picker">
        Inspect{" "}
        <select
          value={selection?.id ?? ""}
          onChange={(e) => {
            const id = e.target.value;
            store.getState().select(id ? { kind: boxes.some((b) => b.id === id) ? "box" : "process", id } : null);
          }}
        >
          <option value="">(choose a box or process)</option>
          {boxes.map((b) => (
            <optgroup key={b.id} label={b.label ?? b.id}>
              <option value={b.id}>{b.label ?? b.id} (the box)</option>
              {b.processes.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id} ({p.kind})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {proc && (
        <>
          <h3>
            {proc.id}{" "}
            <span className="muted">
              ({proc.kind} on {box?.label ?? box?.id}) at the playhead
            </span>
          </h3>
          <StateList p={proc} world={world} />
          <Actions entries={processMenu(ctx, proc).slice(1)} />
          <ProcessSettings p={proc} scenario={scenario} />
        </>
      )}
      {box && !proc && (
        <>
          <h3>
            {box.label ?? box.id} {box.zone && <span className="muted">zone {box.zone}</span>}
          </h3>
          <Actions entries={boxMenu(ctx, box).slice(1)} />
        </>
      )}
      {groups.map((g) => (
        <GroupSettings key={g} scenario={scenario} group={g} />
      ))}
      <ScenarioSettings />
    </div>
  );
}
