import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import type { Scenario } from "./schema";
import { validateScenario } from "./validate";

// The share link: the whole scenario and the playhead in the URL fragment, so a link reproduces the screen.
// Fragment grammar: `v=<codec version>&s=<base64url(deflate(JSON))>&t=<playhead ms>`. The fragment never
// reaches a server, and the codec version lets a later app read (or refuse with a message) an older link.

export const URL_CODEC_VERSION = 1;

export interface ShareState {
  scenario: Scenario;
  playheadMs: number;
}

export type ShareDecode = { ok: true; state: ShareState } | { ok: false; problems: string[] };

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decodes unpadded base64url, or returns the position of the first character that cannot be one. */
export function fromBase64Url(text: string): Uint8Array | { badAt: number } {
  if (text.length % 4 === 1) return { badAt: text.length - 1 };
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    const chunk = Math.min(4, text.length - i);
    for (let k = 0; k < 4; k++) {
      const v = k < chunk ? B64_INDEX.get(text[i + k]!) : 0;
      if (v === undefined) return { badAt: i + k };
      n = (n << 6) | v;
    }
    for (let k = 0; k < chunk - 1; k++) out[o++] = (n >> (16 - 8 * k)) & 255;
  }
  return out;
}

export function encodeShare(state: ShareState): string {
  const packed = toBase64Url(deflateSync(strToU8(JSON.stringify(state.scenario)), { level: 9 }));
  return `v=${URL_CODEC_VERSION}&s=${packed}&t=${Math.max(0, Math.round(state.playheadMs))}`;
}

/** The fragment of a location (`#…`), without the `#`. */
export function fragmentOf(hash: string): string {
  return hash.startsWith("#") ? hash.slice(1) : hash;
}

/** True when a fragment carries a shared scenario (so a broken one is reported instead of ignored). */
export function isShareFragment(fragment: string): boolean {
  return /(^|&)(v|s)=/.test(fragment);
}

/** Reads a share fragment; every way it can be broken or tampered with ends in a message naming the problem. */
export function decodeShare(fragment: string): ShareDecode {
  const params = new URLSearchParams(fragment);
  const fail = (...problems: string[]): ShareDecode => ({ ok: false, problems });
  const version = params.get("v");
  if (version === null) return fail("the link has no format version (v=…); it was cut short or edited");
  if (version !== String(URL_CODEC_VERSION))
    return fail(
      /^\d+$/.test(version) && Number(version) > URL_CODEC_VERSION
        ? `the link was made by a newer Sentinel Lab (link format v${version}, this app reads v${URL_CODEC_VERSION})`
        : `the link's format version "${version}" is not one this app knows (v${URL_CODEC_VERSION})`,
    );
  const packed = params.get("s");
  if (!packed) return fail("the link has no scenario data (s=…); it was cut short or edited");
  const bytes = fromBase64Url(packed);
  if (!(bytes instanceof Uint8Array))
    return fail(`the scenario data has a character that cannot be in a link's data at position ${bytes.badAt + 1}`);
  let text: string;
  try {
    text = strFromU8(inflateSync(bytes));
  } catch {
    return fail("the scenario data is damaged (it does not decompress); the link was probably cut short or edited");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail("the scenario data decompresses but is not JSON; the link was edited");
  }
  const v = validateScenario(json);
  if (!v.ok) return fail(...v.problems.map((p) => `the scenario in the link is invalid: ${p}`));
  const tText = params.get("t") ?? "0";
  const t = Number(tText);
  if (!/^\d+$/.test(tText) || !Number.isSafeInteger(t))
    return fail(`the playhead "t=${tText}" is not a whole number of milliseconds`);
  return { ok: true, state: { scenario: v.scenario, playheadMs: Math.min(t, v.scenario.durationMs) } };
}
