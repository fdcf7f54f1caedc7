import type { BoxSpec, ProcessSpec } from "../../scenario/schema";

// Where each side of the partition, each box and each process row goes, in SVG units. Sides run left to
// right in the order of their first box; inside a side, boxes stand in columns by availability zone.

export const BOX_W = 224;
export const HEAD_H = 28;
export const ROW_H = 36;
const BOX_PAD = 4;
const GAP = 18;
const SIDE_PAD = 14;
/** Above the boxes: room for the link arcs. Below: the side's label. */
const SIDE_TOP = 44;
const SIDE_LABEL = 24;
const SIDE_GAP = 56;
/** Below the sides: the "drag a box here to cut it off" target. */
export const DROP_H = 64;
const DROP_GAP = 22;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BoxLayout extends Rect {
  box: BoxSpec;
}

export interface RowLayout extends Rect {
  process: ProcessSpec;
  box: string;
}

export interface SideLayout extends Rect {
  boxes: string[];
}

export interface TopologyLayout {
  width: number;
  height: number;
  sides: SideLayout[];
  boxes: Map<string, BoxLayout>;
  rows: Map<string, RowLayout>;
  drop: Rect;
}

const boxHeight = (b: BoxSpec) => HEAD_H + Math.max(1, b.processes.length) * ROW_H + BOX_PAD;

/** Columns of boxes for one side: one per zone when the scenario has zones, else `rows` rows of boxes. */
function columns(boxes: BoxSpec[], rows: number): BoxSpec[][] {
  if (boxes.some((b) => b.zone)) {
    const byZone = new Map<string, BoxSpec[]>();
    for (const b of boxes) byZone.set(b.zone ?? "", [...(byZone.get(b.zone ?? "") ?? []), b]);
    return [...byZone.values()];
  }
  const cols = Math.max(1, Math.ceil(boxes.length / rows));
  const out: BoxSpec[][] = Array.from({ length: cols }, () => []);
  for (const [i, b] of boxes.entries()) out[i % cols]!.push(b);
  return out;
}

/**
 * The layout that is drawn largest in a viewport of this shape: boxes in one row, or wrapped into two to four
 * rows per side when the row would be too wide for the screen.
 */
export function layoutTopology(
  boxes: BoxSpec[],
  sides: string[][],
  viewport = { width: 800, height: 500 },
): TopologyLayout {
  let best: TopologyLayout | null = null;
  let bestScale = 0;
  const most = Math.max(...sides.map((s) => s.length));
  for (let rows = 1; rows <= Math.min(4, most); rows++) {
    const l = layoutRows(boxes, sides, rows);
    const scale = Math.min(viewport.width / l.width, viewport.height / l.height);
    // A wrap must pay for itself: it reorders the boxes, so it is taken only for a clearly larger picture.
    if (scale > bestScale * 1.15) {
      best = l;
      bestScale = scale;
    }
  }
  return best!;
}

function layoutRows(boxes: BoxSpec[], sides: string[][], rows: number): TopologyLayout {
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const out: TopologyLayout = {
    width: 0,
    height: 0,
    sides: [],
    boxes: new Map(),
    rows: new Map(),
    drop: { x: 0, y: 0, w: 0, h: 0 },
  };
  let x = 0;
  let maxH = 0;
  for (const side of sides) {
    const specs = side.map((id) => byId.get(id)).filter((b): b is BoxSpec => !!b);
    const cols = columns(specs, rows);
    let cx = x + SIDE_PAD;
    let colMax = 0;
    for (const col of cols) {
      let cy = SIDE_TOP;
      for (const b of col) {
        const h = boxHeight(b);
        out.boxes.set(b.id, { box: b, x: cx, y: cy, w: BOX_W, h });
        b.processes.forEach((p, i) => {
          out.rows.set(p.id, { process: p, box: b.id, x: cx, y: cy + HEAD_H + i * ROW_H, w: BOX_W, h: ROW_H });
        });
        cy += h + GAP;
      }
      colMax = Math.max(colMax, cy - GAP);
      cx += BOX_W + GAP;
    }
    const w = cx - GAP + SIDE_PAD - x;
    out.sides.push({ x, y: 0, w, h: 0, boxes: side });
    maxH = Math.max(maxH, colMax + SIDE_LABEL);
    x += w + SIDE_GAP;
  }
  for (const s of out.sides) s.h = maxH;
  const width = Math.max(x - SIDE_GAP, BOX_W + 2 * SIDE_PAD);
  out.drop = { x: 0, y: maxH + DROP_GAP, w: width, h: DROP_H };
  out.width = width;
  out.height = maxH + DROP_GAP + DROP_H;
  return out;
}

/** The side whose rectangle holds the point, or -1 (empty space: a new side). */
export function sideAt(layout: TopologyLayout, px: number, py: number): number {
  return layout.sides.findIndex((s) => px >= s.x && px <= s.x + s.w && py >= s.y - 20 && py <= s.y + s.h + 20);
}
