import type { SweepCase } from "../../sweep/cases";

// A case as a small picture: each group of boxes in its own outline, boxes numbered as in the legend; a
// crashed box struck through; a one-way cut as an arrow between two boxes.

const BOX = 15;
const GAP = 2;
const GROUP_GAP = 7;
const PAD = 3;
export const DIAGRAM_HEIGHT = 26;

export function diagramWidth(boxCount: number, groups: number): number {
  return boxCount * (BOX + GAP) + groups * (GROUP_GAP + 2 * PAD) + 2;
}

interface Props {
  c: SweepCase;
  boxes: readonly string[];
  /** Boxes that hold a group's first master, drawn darker. */
  masterBoxes: ReadonlySet<string>;
  /** The widest diagram of the matrix, so diagrams line up. */
  width: number;
}

function layout(c: SweepCase, boxes: readonly string[]): string[][] {
  return c.kind === "partition" ? c.groups : [boxes.slice()];
}

export function CaseDiagram({ c, boxes, masterBoxes, width }: Props) {
  const groups = layout(c, boxes);
  const x = new Map<string, number>();
  const outlines: Array<{ x: number; w: number }> = [];
  let cursor = 1;
  for (const g of groups) {
    const start = cursor;
    cursor += PAD;
    for (const b of g) {
      x.set(b, cursor);
      cursor += BOX + GAP;
    }
    cursor += PAD - GAP;
    outlines.push({ x: start, w: cursor - start });
    cursor += GROUP_GAP;
  }
  const top = (DIAGRAM_HEIGHT - BOX) / 2 + 2;
  return (
    <svg width={width} height={DIAGRAM_HEIGHT} className="explorer-diagram" aria-hidden="true">
      {outlines.map((o) => (
        <rect
          key={o.x}
          x={o.x}
          y={top - PAD}
          width={o.w}
          height={BOX + 2 * PAD}
          rx={4}
          className="explorer-diagram-group"
        />
      ))}
      {boxes.map((b) => {
        const bx = x.get(b)!;
        const crashed = c.kind === "crash" && c.box === b;
        return (
          <g key={b} className={crashed ? "explorer-diagram-box crashed" : "explorer-diagram-box"}>
            <rect x={bx} y={top} width={BOX} height={BOX} rx={2} className={masterBoxes.has(b) ? "master" : ""} />
            <text x={bx + BOX / 2} y={top + BOX / 2 + 0.5} textAnchor="middle" dominantBaseline="middle">
              {boxes.indexOf(b) + 1}
            </text>
            {crashed && <path d={`M${bx} ${top} l${BOX} ${BOX} M${bx + BOX} ${top} l${-BOX} ${BOX}`} />}
          </g>
        );
      })}
      {c.kind === "cut" && <CutArrow from={x.get(c.from)! + BOX / 2} to={x.get(c.to)! + BOX / 2} y={top - 1} />}
    </svg>
  );
}

function CutArrow({ from, to, y }: { from: number; to: number; y: number }) {
  const dir = to > from ? 1 : -1;
  const end = to - dir * 3;
  return (
    <g className="explorer-diagram-cut">
      <path d={`M${from} ${y} Q${(from + end) / 2} ${y - 9} ${end} ${y}`} fill="none" />
      <path d={`M${end} ${y} l${-dir * 4} -3 M${end} ${y} l${-dir * 1} -5`} fill="none" />
    </g>
  );
}
