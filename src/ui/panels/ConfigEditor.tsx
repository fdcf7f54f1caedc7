import {
  type RedisOption,
  type SentinelOption,
  setNetworkOption,
  setRedisOption,
  setRunOption,
  setSentinelOption,
  setWhatIf,
} from "../../scenario/editConfig";
import { REDIS_DEFAULTS, type Scenario, SENTINEL_DEFAULTS } from "../../scenario/schema";
import { useLab } from "../../store/context";
import { Field } from "./Field";

// Group, network and run settings with Redis's own option names; defaults show as placeholders.

const SENTINEL_OPTIONS: Array<[SentinelOption, string]> = [
  ["quorum", "Sentinels that must agree the master is down"],
  ["down-after-milliseconds", "silence before a Sentinel calls an instance down"],
  ["failover-timeout", "ms; also the wait between attempts (× 2)"],
  ["parallel-syncs", "replicas reconfigured at once"],
];

export const REDIS_OPTIONS: Array<[RedisOption, string, "int" | "yesno"]> = [
  ["min-replicas-to-write", "refuse writes with fewer good replicas", "int"],
  ["min-replicas-max-lag", "seconds a replica may lag and still count", "int"],
  ["replica-priority", "0 never promoted; lower is preferred", "int"],
  ["repl-timeout", "seconds", "int"],
  ["repl-backlog-size", "bytes kept for partial resyncs", "int"],
  ["appendonly", "yes: data survives a restart", "yesno"],
];

export function GroupSettings({ scenario, group }: { scenario: Scenario; group: string }) {
  const g = scenario.groups.find((x) => x.name === group);
  if (!g) return null;
  return (
    <section className="settings" aria-label={`Settings of group ${group}`}>
      <h3>
        Sentinel settings for <span className="group-tag">{group}</span>
      </h3>
      {SENTINEL_OPTIONS.map(([opt, help]) => (
        <Field
          key={opt}
          name={opt}
          help={help}
          kind="int"
          value={g.sentinel?.[opt]}
          placeholder={String(SENTINEL_DEFAULTS[opt])}
          allowEmpty
          toEdit={(v) => setSentinelOption(group, opt, v as number | undefined)}
        />
      ))}
      <h3>
        Redis settings for every server of <span className="group-tag">{group}</span>
      </h3>
      {REDIS_OPTIONS.map(([opt, help, kind]) => (
        <Field
          key={opt}
          name={opt}
          help={help}
          kind={kind}
          value={g.redis?.[opt]}
          placeholder={String(REDIS_DEFAULTS[opt])}
          allowEmpty
          toEdit={(v) => setRedisOption({ group }, opt, v)}
        />
      ))}
    </section>
  );
}

export function ScenarioSettings() {
  const scenario = useLab((s) => s.scenario);
  const edit = useLab((s) => s.edit);
  const whatIf = scenario.whatIf?.failoverWithoutMajority ?? false;
  return (
    <section className="settings" aria-label="Network and run settings">
      <h3>Network</h3>
      <Field
        name="latencyMs"
        help="one-way delay between boxes"
        kind="int"
        value={scenario.network.latencyMs}
        toEdit={(v) => setNetworkOption("latencyMs", v as number)}
      />
      <Field
        name="jitterMs"
        help="random extra delay"
        kind="int"
        value={scenario.network.jitterMs}
        toEdit={(v) => setNetworkOption("jitterMs", v as number)}
      />
      <h3>Run</h3>
      <Field
        name="durationMs"
        help="simulated time"
        kind="int"
        value={scenario.durationMs}
        toEdit={(v) => setRunOption("durationMs", v as number)}
      />
      <Field
        name="seed"
        help="same seed, same run"
        kind="int"
        value={scenario.seed}
        toEdit={(v) => setRunOption("seed", v as number)}
      />
      <div className={`whatif-toggle${whatIf ? " on" : ""}`}>
        <label>
          <input type="checkbox" checked={whatIf} onChange={(e) => edit(setWhatIf(e.target.checked))} />
          What-if: fail over without majority agreement
        </label>
        <p className="help">
          Hypothetical. Real Redis Sentinel has no such switch: a leader always needs the votes of a majority of the
          Sentinels it knows.
        </p>
      </div>
    </section>
  );
}
