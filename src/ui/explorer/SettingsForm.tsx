import { useId } from "react";
import { parseDuration } from "../../scenario/duration";
import { MAX_SEEDS, type SweepSettings } from "../../sweep/settings";

// The sweep's settings. The duration is typed as text ("60s", "2m") like everywhere else in the app.

export interface SettingsDraft {
  duration: string;
  seeds: string;
  kind: "drop" | "reject";
  crashes: boolean;
  oneWayCuts: boolean;
  minReplicas: boolean;
}

export const DEFAULT_DRAFT: SettingsDraft = {
  duration: "60s",
  seeds: "5",
  kind: "drop",
  crashes: true,
  oneWayCuts: false,
  minReplicas: false,
};

/** Settings from the form, or a message naming the field to fix. */
export function settingsFromDraft(d: SettingsDraft, base: SweepSettings): SweepSettings | string {
  const durationMs = parseDuration(d.duration);
  if (durationMs === null) return `Duration: write a time like 60s, 2m or 90000ms`;
  const seeds = Number(d.seeds);
  if (!Number.isInteger(seeds)) return `Seeds: write a whole number from 1 to ${MAX_SEEDS}`;
  return {
    ...base,
    durationMs,
    seeds,
    kind: d.kind,
    crashes: d.crashes,
    oneWayCuts: d.oneWayCuts,
    minReplicas: d.minReplicas,
  };
}

interface Props {
  draft: SettingsDraft;
  disabled: boolean;
  onChange: (d: SettingsDraft) => void;
}

export function SettingsForm({ draft, disabled, onChange }: Props) {
  const id = useId();
  const set = <K extends keyof SettingsDraft>(k: K, v: SettingsDraft[K]) => onChange({ ...draft, [k]: v });
  return (
    <fieldset className="explorer-settings" disabled={disabled}>
      <legend className="explorer-visually-hidden">Sweep settings</legend>
      <label htmlFor={`${id}-duration`}>
        Fault lasts
        <input
          id={`${id}-duration`}
          value={draft.duration}
          size={6}
          onChange={(e) => set("duration", e.target.value)}
          title="From the cut (or crash) to the heal (or restart); the fault starts 30 s in, the run goes on at least 60 s after the heal"
        />
      </label>
      <label htmlFor={`${id}-seeds`}>
        Seeds per cell
        <input
          id={`${id}-seeds`}
          value={draft.seeds}
          size={3}
          inputMode="numeric"
          onChange={(e) => set("seeds", e.target.value)}
        />
      </label>
      <label htmlFor={`${id}-kind`}>
        Partition
        <select
          id={`${id}-kind`}
          value={draft.kind}
          onChange={(e) => set("kind", e.target.value === "reject" ? "reject" : "drop")}
        >
          <option value="drop">drops packets</option>
          <option value="reject">refuses connections</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={draft.crashes} onChange={(e) => set("crashes", e.target.checked)} />
        each box crashing
      </label>
      <label>
        <input type="checkbox" checked={draft.oneWayCuts} onChange={(e) => set("oneWayCuts", e.target.checked)} />
        one-way cuts
      </label>
      <label>
        <input type="checkbox" checked={draft.minReplicas} onChange={(e) => set("minReplicas", e.target.checked)} />
        min-replicas-to-write 0 and 1
      </label>
    </fieldset>
  );
}
