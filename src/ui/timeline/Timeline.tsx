import { scaleLinear } from "d3";
import { useMemo, useRef } from "react";
import { everyBox, instantActions } from "../../scenario/faults";
import { useLab, useLabStore } from "../../store/context";
import { useBands } from "../../store/selectors";
import { useElementSize } from "../useElementSize";
import { useSvgDrag } from "../useSvgDrag";
import { ActionMarks } from "./ActionMarks";
import { EventMarks } from "./EventMarks";
import { FaultBands } from "./FaultBands";
import { AXIS_H, GUTTER, packLanes, RIGHT, timelineRows } from "./geometry";
import { Playhead } from "./Playhead";
import { RoleLanes } from "./RoleLanes";
import { Transport } from "./Transport";
import "./timeline.css";

// The time axis with fault bands, actions, event markers and role lanes. Dragging anywhere scrubs.

export function Timeline() {
  const store = useLabStore();
  const scenario = useLab((s) => s.scenario);
  const run = useLab((s) => s.run);
  const bands = useBands();
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = Math.max(320, useElementSize(wrap).width);
  const duration = scenario.durationMs;
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, duration])
        .range([GUTTER, width - RIGHT]),
    [duration, width],
  );
  const lanes = useMemo(() => packLanes(bands, duration), [bands, duration]);
  const instants = useMemo(() => instantActions(scenario, bands), [scenario, bands]);
  const rows = useMemo(() => {
    const redis = everyBox(scenario).flatMap((b) => b.processes);
    const groups = scenario.groups.map((g) => ({
      group: g.name,
      redis: redis.filter((p) => p.kind === "redis" && p.group === g.name).map((p) => p.id),
    }));
    return timelineRows(Math.max(0, ...lanes) + 1, groups);
  }, [scenario, lanes]);

  const scrub = (px: number) => store.getState().setPlayhead(x.invert(Math.max(GUTTER, px)));
  useSvgDrag(svg, {
    start: (px) => {
      store.getState().setPlaying(false);
      scrub(px);
    },
    move: scrub,
  });

  const ticks = x.ticks(Math.max(4, Math.floor(width / 90)));
  return (
    <section className="timeline" aria-label="Timeline">
      <Transport />
      <div className="timeline-body" ref={wrap}>
        <svg ref={svg} width={width} height={rows.height} className="timeline-svg" aria-label="Timeline">
          <rect className="scrub-area" x={0} y={0} width={width} height={rows.height} />
          <g className="axis" aria-hidden>
            {ticks.map((t) => (
              <g key={t}>
                <line x1={x(t)} x2={x(t)} y1={AXIS_H - 6} y2={rows.height} />
                <text x={x(t)} y={AXIS_H - 9} textAnchor="middle">
                  {t / 1000} s
                </text>
              </g>
            ))}
          </g>
          <g className="gutter-labels" aria-hidden>
            <text x={8} y={rows.faultsY + 14}>
              Faults
            </text>
            <text x={8} y={rows.actionsY + 14}>
              Actions
            </text>
            <text x={8} y={rows.eventsY + 13}>
              Events
            </text>
          </g>
          <FaultBands bands={bands} lanes={lanes} y0={rows.faultsY} x={x} endMs={duration} />
          <ActionMarks indices={instants} timeline={scenario.timeline} x={x} y={rows.actionsY} />
          {run && (
            <>
              <EventMarks trace={run.trace} markers={run.derived.markers} x={x} y={rows.eventsY} />
              <RoleLanes rows={rows} derived={run.derived} x={x} />
            </>
          )}
        </svg>
        <Playhead x={x} height={rows.height} />
      </div>
    </section>
  );
}
