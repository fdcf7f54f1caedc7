import type { Edit } from "./edit";
import type { RedisConfig, Scenario, SentinelConfig } from "./schema";

// Configuration edits with Redis's own option names. Values arrive already parsed from the editor's fields;
// the ranges are checked by `applyEdit`, which validates the whole scenario before anything is simulated.

export type SentinelOption = keyof SentinelConfig;
export type RedisOption = keyof RedisConfig;
export type ClientOption = "rateHz" | "timeoutMs" | "startMs";
export type NetworkOption = "latencyMs" | "jitterMs";
export type RunOption = "durationMs" | "seed";

/** SENTINEL SET for a group from the start; `undefined` goes back to Sentinel's default. */
export function setSentinelOption(group: string, option: SentinelOption, value: number | undefined): Edit {
  return {
    label: `set ${option} of ${group} to ${value ?? "the default"}`,
    run: (d, _s, fail) => {
      const g = d.groups.find((x) => x.name === group);
      if (!g) return fail(`there is no group "${group}"`);
      g.sentinel ??= {};
      if (value === undefined) delete g.sentinel[option];
      else g.sentinel[option] = value;
    },
  };
}

/** A Redis option for a whole group (every Redis of it) or for one Redis; `undefined` inherits again. */
export function setRedisOption(
  scope: { group: string } | { process: string },
  option: RedisOption,
  value: number | string | undefined,
): Edit {
  const where = "group" in scope ? `group ${scope.group}` : scope.process;
  return {
    label: `set ${option} of ${where} to ${value ?? "the inherited value"}`,
    run: (d, _s, fail) => {
      let cfg: Record<string, number | string> | undefined;
      if ("group" in scope) {
        const g = d.groups.find((x) => x.name === scope.group);
        if (!g) return fail(`there is no group "${scope.group}"`);
        g.redis ??= {};
        cfg = g.redis;
      } else {
        const p = d.boxes.flatMap((b) => b.processes).find((x) => x.id === scope.process);
        if (p?.kind !== "redis") return fail(`there is no Redis "${scope.process}"`);
        p.config ??= {};
        cfg = p.config;
      }
      if (value === undefined) delete cfg[option];
      else cfg[option] = value;
    },
  };
}

export function setClientOption(client: string, option: ClientOption, value: number): Edit {
  return {
    label: `set ${option} of ${client} to ${value}`,
    run: (d, _s, fail) => {
      const p = d.boxes.flatMap((b) => b.processes).find((x) => x.id === client);
      if (p?.kind !== "client") return fail(`there is no client "${client}"`);
      p[option] = value;
    },
  };
}

export function setNetworkOption(option: NetworkOption, value: number): Edit {
  return {
    label: `set network ${option} to ${value}`,
    run: (d) => {
      d.network[option] = value;
    },
  };
}

export function setRunOption(option: RunOption, value: number): Edit {
  return {
    label: `set ${option} to ${value}`,
    run: (d) => {
      d[option] = value;
    },
  };
}

export function setText(field: "title" | "description", value: string): Edit {
  return {
    label: `change the ${field}`,
    run: (d) => {
      d[field] = value;
    },
  };
}

/** The hypothetical "failover without majority" mode (A1c): real Sentinel has no such switch. */
export function setWhatIf(on: boolean): Edit {
  return {
    label: on ? "turn on the what-if mode" : "turn off the what-if mode",
    run: (d) => {
      if (on) d.whatIf = { failoverWithoutMajority: true };
      else delete d.whatIf;
    },
  };
}

/** Replace the whole scenario (gallery, upload): undoable like any other edit. */
export function replaceScenario(next: Scenario, label: string): Edit {
  return {
    label,
    run: (d) => {
      const keys = new Set([...Object.keys(d), ...Object.keys(next)]) as Set<keyof Scenario>;
      const target = d as Record<string, unknown>;
      for (const k of keys) {
        if (k in next) target[k] = next[k];
        else delete target[k];
      }
    },
  };
}
