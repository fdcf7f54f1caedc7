import type { FaultBand } from "../../scenario/faults";

// Vertical layout of the timeline: one lane per overlapping fault, then actions, events, and role lanes.

export const GUTTER = 96;
export const RIGHT = 18;
export const AXIS_H = 22;
export const FAULT_H = 20;
export const ACTION_H = 20;
export const EVENT_H = 18;
export const GROUP_H = 16;
export const ROLE_H = 15;

/** Greedy lanes so that bands never overlap; returns each band's lane. */
export function packLanes(bands: FaultBand[], endMs: number): number[] {
  const laneEnds: number[] = [];
  return bands.map((b) => {
    const to = b.toMs ?? endMs;
    let lane = laneEnds.findIndex((e) => e <= b.fromMs);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = to;
    return lane;
  });
}

export interface TimelineRows {
  faultsY: number;
  faultLanes: number;
  actionsY: number;
  eventsY: number;
  groups: Array<{ group: string; y: number; redis: Array<{ id: string; y: number }> }>;
  height: number;
}

export function timelineRows(faultLanes: number, groups: Array<{ group: string; redis: string[] }>): TimelineRows {
  let y = AXIS_H + 4;
  const faultsY = y;
  const lanes = Math.max(1, faultLanes);
  y += lanes * FAULT_H + 4;
  const actionsY = y;
  y += ACTION_H;
  const eventsY = y;
  y += EVENT_H + 6;
  const out: TimelineRows["groups"] = [];
  for (const g of groups) {
    const gy = y;
    y += GROUP_H;
    const redis = g.redis.map((id) => {
      const r = { id, y };
      y += ROLE_H;
      return r;
    });
    out.push({ group: g.group, y: gy, redis });
    y += 4;
  }
  return { faultsY, faultLanes: lanes, actionsY, eventsY, groups: out, height: y + 4 };
}
