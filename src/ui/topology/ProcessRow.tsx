import { memo } from "react";
import type { ClientSnap, RedisSnap, SentinelSnap } from "../../model/trace";
import type { ProcessSpec } from "../../scenario/schema";
import type { RowLayout } from "./layout";

// One process inside a box: what it is and what it is doing at the playhead, on two lines. It takes its own
// snapshot (an object of the trace, the same one until the process changes), so a frame that changes
// nothing for it does not redraw it.

export type Snap = RedisSnap | SentinelSnap | ClientSnap | null;

interface Props {
  row: RowLayout;
  snap: Snap;
  vips: string[];
  selected: boolean;
  /** A master of a group that has two accepting masters right now. */
  splitBrain: boolean;
  onActivate: (p: ProcessSpec, el: SVGGElement) => void;
}

interface RowView {
  glyph: string;
  glyphClass: string;
  state: string;
  stateClass: string;
  detail: string;
  detailClass?: string;
}

const OFF: Omit<RowView, "glyph"> = { glyphClass: "g-down", state: "not started", stateClass: "st-off", detail: "" };

function down(glyph: string, paused: boolean): RowView {
  return { glyph, glyphClass: "g-down", state: paused ? "paused" : "down", stateClass: "st-down", detail: "" };
}

function view(p: ProcessSpec, snap: Snap): RowView {
  if (p.kind === "redis") {
    const s = snap as RedisSnap | null;
    if (!s) return { glyph: "R", ...OFF };
    if (!s.alive || s.paused) return down("R", s.paused);
    const offset = `offset ${s.offset.toLocaleString("en")}`;
    if (s.role === "master")
      return {
        glyph: "M",
        glyphClass: "g-master",
        state: s.accepting ? "master" : "master, refusing writes",
        stateClass: s.accepting ? "st-master" : "st-refusing",
        detail: `${offset} · in sync: ${s.goodReplicas}`,
      };
    return {
      glyph: "R",
      glyphClass: "g-replica",
      state: `replica of ${s.master ?? "?"}`,
      stateClass: "st-replica",
      detail: `${offset} · ${s.loading ? "loading" : s.linkUp ? "link up" : "link down"}`,
      detailClass: s.linkUp ? undefined : "st-warn",
    };
  }
  if (p.kind === "sentinel") {
    const s = snap as SentinelSnap | null;
    if (!s) return { glyph: "S", ...OFF };
    if (!s.alive || s.paused) return down("S", s.paused);
    const views = Object.values(s.groups);
    const flags = views.flatMap((v) => v.flags);
    const flag = flags.includes("o_down") ? "ODOWN" : flags.includes("s_down") ? "SDOWN" : "";
    const failing = views.find((v) => v.failoverState !== "none");
    return {
      glyph: "S",
      glyphClass: "g-sentinel",
      state: `master: ${views.map((v) => v.master ?? v.masterAddr).join(", ") || "none"}`,
      stateClass: "st-ok",
      detail: [
        s.tilt ? "TILT" : "",
        flag,
        failing ? failing.failoverState.replaceAll("_", " ") : "",
        `epoch ${s.currentEpoch}`,
        `reaches ${s.reachablePeers.length}`,
      ]
        .filter(Boolean)
        .join(" · "),
      detailClass: flag || s.tilt ? "st-warn" : undefined,
    };
  }
  const s = snap as ClientSnap | null;
  if (!s) return { glyph: "C", ...OFF };
  if (!s.alive) return down("C", false);
  const writing = s.state === "connected" && s.target;
  return {
    glyph: "C",
    glyphClass: "g-client",
    state: writing ? `writes to ${s.target}` : s.state === "waiting" ? "waiting to retry" : `${s.state}…`,
    stateClass: writing ? "st-ok" : "st-warn",
    detail:
      p.target.via === "sentinel" ? "asks Sentinels" : p.target.via === "vip" ? `via ${p.target.vip}` : "fixed address",
  };
}

/** Cut a text to about `px` wide (6.4 px per character at the row's font size). */
function clip(text: string, px: number): string {
  const n = Math.floor(px / 6.4);
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

export const ProcessRow = memo(function ProcessRow({ row, snap, vips, selected, splitBrain, onActivate }: Props) {
  const v = view(row.process, snap);
  const id = row.process.id;
  const label = `${row.process.kind} ${id}: ${v.state}${v.detail ? `, ${v.detail}` : ""}${vips.length ? `, holds ${vips.join(", ")}` : ""}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it acts as one
    <g
      className={`row${selected ? " selected" : ""}${splitBrain ? " split" : ""}`}
      transform={`translate(${row.x},${row.y})`}
      role="button"
      tabIndex={0}
      aria-label={label}
      data-process={id}
      onClick={(e) => onActivate(row.process, e.currentTarget)}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          e.stopPropagation();
          onActivate(row.process, e.currentTarget);
        }
      }}
    >
      <rect className="row-bg" x={3} y={1} width={row.w - 6} height={row.h - 2} rx={5} />
      <circle className={`glyph ${v.glyphClass}`} cx={19} cy={row.h / 2} r={11} />
      <text className="glyph-text" x={19} y={row.h / 2 + 4} textAnchor="middle">
        {v.glyph}
      </text>
      <text x={37} y={15}>
        <tspan className="row-name">{id}</tspan>
        <tspan className={`row-state ${v.stateClass}`} dx={6}>
          {clip(v.state, row.w - 52 - id.length * 9 - (vips.length ? 34 : 0))}
        </tspan>
      </text>
      {vips.length > 0 && (
        <text className="row-vip" x={row.w - 9} y={15} textAnchor="end">
          {vips.join(" ")}
        </text>
      )}
      <text className={`row-detail ${v.detailClass ?? ""}`} x={37} y={29}>
        {clip(v.detail, row.w - 46)}
      </text>
      <title>{label}</title>
    </g>
  );
});
