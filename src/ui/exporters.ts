import { strToU8, zipSync } from "fflate";
import { formatLog } from "../analysis/log";
import type { Trace } from "../model/trace";
import { scenarioConfs } from "../scenario/conf";
import type { Scenario } from "../scenario/schema";

// Files the app hands out: the scenario, the log, the topology picture, the Redis/Sentinel configs.

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

export function logText(trace: Trace): string {
  return `${formatLog(trace, { verbose: true }).join("\n")}\n`;
}

export function scenarioJson(s: Scenario): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

export function configsZip(s: Scenario): Blob {
  const files: Record<string, Uint8Array> = {};
  for (const f of scenarioConfs(s)) files[`${s.id}/${f.box}/${f.fileName}`] = strToU8(f.text);
  return new Blob([zipSync(files, { level: 6 }) as Uint8Array<ArrayBuffer>], { type: "application/zip" });
}

const STYLE_PROPS = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "visibility",
];

/** Controls that mean nothing in a picture: the drop target, the drag grips. */
const SKIP = ".drop-zone, .box-grip, .drag-ghost";

/**
 * A standalone SVG of the topology from its stacked layers (same viewBox): the page's CSS is copied onto each
 * node so that the file looks the same without it.
 */
export function standaloneSvg(layers: SVGSVGElement[]): string {
  const first = layers[0];
  if (!first) throw new Error("no topology on the page");
  const out = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  const full = first.viewBox.baseVal;
  // The picture ends above the drop target, which is left out.
  const dropY = first.querySelector<SVGRectElement>(".drop-rect")?.y.baseVal.value;
  const vb = {
    x: full.x,
    y: full.y,
    width: full.width,
    height: dropY === undefined ? full.height : dropY - full.y - 6,
  };
  out.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  out.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.width} ${vb.height}`);
  out.setAttribute("width", String(Math.round(vb.width)));
  out.setAttribute("height", String(Math.round(vb.height)));
  const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  for (const [k, v] of Object.entries({ x: vb.x, y: vb.y, width: vb.width, height: vb.height, fill: "#ffffff" }))
    bg.setAttribute(k, String(v));
  out.append(bg);
  for (const layer of layers) {
    const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute(
      "style",
      `font-family:${getComputedStyle(layer).fontFamily};font-size:${getComputedStyle(layer).fontSize}`,
    );
    for (const child of layer.children) {
      if (child.matches(SKIP)) continue;
      const copy = child.cloneNode(true) as SVGElement;
      const src = [child, ...child.querySelectorAll("*")];
      const dst = [copy, ...copy.querySelectorAll("*")];
      src.forEach((el, i) => {
        const cs = getComputedStyle(el);
        dst[i]!.setAttribute("style", STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";"));
      });
      for (const el of copy.querySelectorAll(SKIP)) el.remove();
      g.append(copy);
    }
    out.append(g);
  }
  return new XMLSerializer().serializeToString(out);
}

export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the browser could not draw the SVG"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas");
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
