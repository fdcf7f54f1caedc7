// How times and counts read everywhere in the app.

/** "35.1 s" */
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "1:05.3" for the transport; minutes only when needed. */
export function clock(ms: number): string {
  const m = Math.floor(ms / 60000);
  const s = ((ms % 60000) / 1000).toFixed(1).padStart(4, "0");
  return m ? `${m}:${s}` : `${s} s`;
}

export const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** "0.1×", "10×" */
export const speedText = (x: number) => `${x < 1 ? x.toFixed(1) : Math.round(x)}×`;
