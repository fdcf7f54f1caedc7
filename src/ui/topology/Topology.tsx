import { useCallback, useMemo, useRef, useState } from "react";
import { applyEdit, type Edit, isolateBox, moveBoxToSide } from "../../scenario/edit";
import { boxesAt, everyBox, vipsAt } from "../../scenario/faults";
import type { BoxSpec, ProcessSpec } from "../../scenario/schema";
import { useLab, useLabStore } from "../../store/context";
import { useBands, useSides, useWorld } from "../../store/selectors";
import { ActionMenu, type MenuItem } from "../ActionMenu";
import { useElementSize } from "../useElementSize";
import { ArrowDefs, Arrows, arrowsAt } from "./Arrows";
import { BoxCard, type BoxDragHandlers } from "./BoxCard";
import { Legend } from "./Legend";
import { Links } from "./Links";
import { layoutTopology, sideAt, type TopologyLayout } from "./layout";
import { boxMenu, type MenuContext, type MenuEntry, processMenu } from "./menuItems";
import { SplitBanner, splitMastersAt } from "./SplitBanner";
import "./topology.css";

// The topology at the playhead: partition sides, boxes, processes, links, replication and client arrows.
// Dragging a box to another side, or off to the right, adds a partition at the playhead.

interface DragState {
  box: string;
  startX: number;
  startY: number;
  x: number;
  y: number;
  /** The side under the pointer (-1: empty space), to notice when it changes. */
  over: number;
}

interface MenuState {
  label: string;
  target: { kind: "box"; box: BoxSpec } | { kind: "process"; process: ProcessSpec };
  x: number;
  y: number;
}

function sideLabel(sides: string[][], i: number, boxes: Map<string, BoxSpec>): string {
  if (sides.length === 1) return "Every box reaches every other box";
  const sentinels = (side: string[]) =>
    side.reduce((n, b) => n + (boxes.get(b)?.processes.filter((p) => p.kind === "sentinel").length ?? 0), 0);
  const total = sides.reduce((n, s) => n + sentinels(s), 0);
  const mine = sentinels(sides[i]!);
  const majority = mine > total / 2 ? " (a majority)" : "";
  return `Side ${String.fromCharCode(65 + i)} · ${mine} of ${total} Sentinels${majority}`;
}

export function Topology() {
  const store = useLabStore();
  const scenario = useLab((s) => s.scenario);
  const t = useLab((s) => s.playheadMs);
  const kind = useLab((s) => s.partitionKind);
  const selection = useLab((s) => s.selection);
  const world = useWorld();
  const sides = useSides();
  const bands = useBands();
  const wrapRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState<DragState | null>(null);
  const dragRef = useRef<DragState | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);

  const presentKey = boxesAt(scenario, t).join(",");
  const boxes = useMemo(() => {
    const present = new Set(presentKey.split(","));
    return everyBox(scenario).filter((b) => present.has(b.id));
  }, [scenario, presentKey]);
  const canvasRef = useRef<HTMLDivElement>(null);
  const viewport = useElementSize(canvasRef, 40);
  const layout: TopologyLayout = useMemo(() => layoutTopology(boxes, sides, viewport), [boxes, sides, viewport]);
  const byId = useMemo(() => new Map(boxes.map((b) => [b.id, b])), [boxes]);
  const vipKey = JSON.stringify([...vipsAt(scenario, t)]);
  const vipsByRedis = useMemo(() => {
    const out = new Map<string, string[]>();
    for (const [vip, redis] of JSON.parse(vipKey) as Array<[string, string]>)
      out.set(redis, [...(out.get(redis) ?? []), vip]);
    return out;
  }, [vipKey]);
  const split = useMemo(() => splitMastersAt(scenario, world), [scenario, world]);
  const arrows = arrowsAt(world);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on what the arrows show, not on the frame
  const arrowSpecs = useMemo(() => arrows.specs, [arrows.key]);
  const splitMasters = useMemo(() => new Set(split.flatMap((s) => s.masters)), [split]);

  /** The edit a drop of `box` at side `target` (-1: empty space) makes, or null when it changes nothing. */
  const dropEdit = (box: string, target: number): Edit | null => {
    const st = store.getState();
    const own = layout.sides.findIndex((s) => s.boxes.includes(box));
    if (target === own) return null;
    if (target < 0) return sides[own]!.length > 1 ? isolateBox(st.playheadMs, box, st.partitionKind) : null;
    return moveBoxToSide(st.playheadMs, box, layout.sides[target]!.boxes, st.partitionKind);
  };
  const dragHandlers: BoxDragHandlers = {
    start: (box, x, y) => {
      store.getState().setPlaying(false);
      setMenu(null);
      dragRef.current = { box, startX: x, startY: y, x, y, over: sideAt(layout, x, y) };
      setDragging(dragRef.current);
    },
    move: (x, y) => {
      const d = dragRef.current;
      if (!d) return;
      const over = sideAt(layout, x, y);
      dragRef.current = { ...d, x, y, over };
      setDragging(dragRef.current);
      // Start simulating the future this drop would make while the user is still dragging.
      const edit = over !== d.over ? dropEdit(d.box, over) : null;
      const next = edit && applyEdit(store.getState().scenario, edit);
      if (next?.ok) store.getState().speculate(next.scenario);
    },
    end: (x, y) => {
      const d = dragRef.current;
      dragRef.current = null;
      setDragging(null);
      if (!d || Math.hypot(x - d.startX, y - d.startY) < 8) return;
      const edit = dropEdit(d.box, sideAt(layout, x, y));
      if (edit) store.getState().edit(edit);
    },
  };

  const openMenu = useCallback((target: MenuState["target"], el: Element) => {
    const wrap = wrapRef.current?.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (!wrap) return;
    const label =
      target.kind === "box" ? `Actions for ${target.box.label ?? target.box.id}` : `Actions for ${target.process.id}`;
    setMenu({ label, target, x: r.left - wrap.left, y: r.bottom - wrap.top + 2 });
  }, []);
  const onBoxMenu = useCallback(
    (box: BoxSpec, el: Element) => {
      store.getState().select({ kind: "box", id: box.id });
      openMenu({ kind: "box", box }, el);
    },
    [store, openMenu],
  );
  const onProcess = useCallback(
    (p: ProcessSpec, el: Element) => {
      store.getState().select({ kind: "process", id: p.id });
      openMenu({ kind: "process", process: p }, el);
    },
    [store, openMenu],
  );

  const menuCtx: MenuContext = { scenario, tMs: t, world, sides, bands, kind };
  const toItems = (entries: MenuEntry[]): MenuItem[] =>
    entries.map((m) =>
      "heading" in m ? m : { label: m.label, disabled: m.disabled, act: () => void store.getState().edit(m.edit) },
    );
  const hoverSide = dragging ? sideAt(layout, dragging.x, dragging.y) : null;
  const dragBox = dragging ? layout.boxes.get(dragging.box) : undefined;
  const pad = 8;
  const viewBox = `${-12} ${-pad} ${layout.width + 24} ${layout.height + pad + 12}`;
  return (
    <div className="topology" ref={wrapRef}>
      <SplitBanner split={split} />
      {/* Three stacked layers with one coordinate system (network and arrows, boxes, drag preview): a change in
          one (a row's text) does not repaint the others, which keeps large topologies smooth while playing. */}
      <div className="topology-canvas" ref={canvasRef}>
        <svg className="topology-layer" viewBox={viewBox} preserveAspectRatio="xMidYMid meet" aria-hidden>
          <ArrowDefs />
          {layout.sides.map((s, i) => (
            <g key={s.boxes.join(",")} className={`side${hoverSide === i ? " drop-hover" : ""}`}>
              <rect className="side-rect" x={s.x} y={s.y} width={s.w} height={s.h} rx={12} />
              <text x={s.x + 12} y={s.y + s.h - 8} className="side-label">
                {sideLabel(sides, i, byId)}
              </text>
            </g>
          ))}
          <g className={`drop-zone${dragging ? " active" : ""}${hoverSide === -1 ? " drop-hover" : ""}`}>
            <rect
              className="drop-rect"
              x={layout.drop.x}
              y={layout.drop.y}
              width={layout.drop.w}
              height={layout.drop.h}
              rx={12}
            />
            <text
              className="drop-text"
              x={layout.drop.x + layout.drop.w / 2}
              y={layout.drop.y + layout.drop.h / 2 + 5}
              textAnchor="middle"
            >
              Drag a box out here to cut it off from the others
            </text>
          </g>
          <Links layout={layout} net={world?.net ?? null} />
          {/* Under the boxes: an arrow passing a box does not cover its text. */}
          <Arrows layout={layout} specs={arrowSpecs} />
        </svg>
        <svg
          className="topology-layer topology-boxes"
          viewBox={viewBox}
          preserveAspectRatio="xMidYMid meet"
          aria-label={`Topology: ${layout.sides.length} side${layout.sides.length > 1 ? "s" : ""}`}
        >
          {[...layout.boxes.values()].map((b) => (
            <BoxCard
              key={b.box.id}
              layout={b}
              rows={b.box.processes.map((p) => layout.rows.get(p.id)!).filter(Boolean)}
              world={world}
              down={world?.net?.downBoxes.includes(b.box.id) ?? false}
              vipsByRedis={vipsByRedis}
              selected={selection?.kind === "process" ? selection.id : null}
              splitMasters={splitMasters}
              drag={dragHandlers}
              onBoxMenu={onBoxMenu}
              onProcess={onProcess}
            />
          ))}
        </svg>
        <svg
          className="topology-layer topology-overlay"
          viewBox={viewBox}
          preserveAspectRatio="xMidYMid meet"
          aria-hidden
        >
          {dragging && dragBox && (
            <rect
              className="drag-ghost"
              x={dragBox.x + dragging.x - dragging.startX}
              y={dragBox.y + dragging.y - dragging.startY}
              width={dragBox.w}
              height={dragBox.h}
              rx={8}
            />
          )}
        </svg>
      </div>
      <Legend />
      {menu && (
        <ActionMenu
          label={menu.label}
          x={menu.x}
          y={menu.y}
          entries={toItems(
            menu.target.kind === "box" ? boxMenu(menuCtx, menu.target.box) : processMenu(menuCtx, menu.target.process),
          )}
          onClose={() => setMenu(null)}
        />
      )}
    </div>
  );
}
