import { hashString } from "../model/sim";

/** The scenario's own seed first, then `extra` more derived from it, the same everywhere (tests, CLI, app). */
export function seedList(base: number, extra: number): number[] {
  const out = [base];
  for (let i = 1; out.length <= extra; i++) {
    const s = hashString(`${base}:${i}`);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}
