import { REDIS_DEFAULTS, type RedisConfig, redisConfigSchema } from "./schema";

// What a timeline's CONFIG SET (a Redis) and SENTINEL SET (a Sentinel's group) accept, as Redis 7.0 does: anything
// else is refused with an error and changes nothing. The validator reports it up front; the model refuses it too.

/** The options SENTINEL SET can change, and the least value each takes (sentinelSetCommand). */
const SENTINEL_SET_MINIMUM = {
  quorum: 1,
  "down-after-milliseconds": 1,
  "failover-timeout": 1,
  "parallel-syncs": 1,
  "master-reboot-down-after-period": 0,
} as const;

type SentinelSetOption = keyof typeof SENTINEL_SET_MINIMUM;

/** A whole number as Redis reads one (string2ll): digits with an optional minus sign, or a JSON integer. */
function wholeNumber(value: number | string): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  return /^-?\d{1,15}$/.test(value) ? Number(value) : null;
}

export type SentinelSet = { ok: true; option: SentinelSetOption; value: number } | { ok: false; why: string };

export function checkSentinelSet(option: string, value: number | string): SentinelSet {
  if (!Object.hasOwn(SENTINEL_SET_MINIMUM, option))
    return {
      ok: false,
      why: `SENTINEL SET ${option}: not an option this model changes (${Object.keys(SENTINEL_SET_MINIMUM).join(", ")})`,
    };
  const o = option as SentinelSetOption;
  const min = SENTINEL_SET_MINIMUM[o];
  const n = wholeNumber(value);
  if (n === null || n < min)
    return {
      ok: false,
      why: `SENTINEL SET ${o} ${JSON.stringify(value)}: Redis refuses it (-ERR Invalid argument); it takes a whole number, ${min} or more`,
    };
  return { ok: true, option: o, value: n };
}

export type ConfigSet = { ok: true; cfg: Partial<RedisConfig> } | { ok: false; why: string };

export function checkConfigSet(option: string, value: number | string): ConfigSet {
  if (!Object.hasOwn(REDIS_DEFAULTS, option))
    return {
      ok: false,
      why: `CONFIG SET ${option}: not an option this model changes (${Object.keys(REDIS_DEFAULTS).join(", ")})`,
    };
  const numeric = typeof REDIS_DEFAULTS[option as keyof RedisConfig] === "number";
  const typed = numeric ? wholeNumber(value) : String(value);
  const parsed = typed === null ? null : redisConfigSchema.safeParse({ [option]: typed });
  if (parsed?.success) return { ok: true, cfg: parsed.data };
  const issue = parsed?.error.issues[0];
  const takes = !numeric
    ? "yes or no"
    : issue?.code === "too_small"
      ? `a whole number, ${String(issue.minimum)} or more`
      : "a whole number";
  return { ok: false, why: `CONFIG SET ${option} ${JSON.stringify(value)}: Redis refuses it; it takes ${takes}` };
}
