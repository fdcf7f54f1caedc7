import type { ScaleLinear } from "d3";
import { memo } from "react";
import type { Trace } from "../../model/trace";
import { useLabStore } from "../../store/context";
import { secs } from "../format";
import { EVENT_H } from "./geometry";

// Ticks for the events that matter (detection, election, promotion, demotion, operator actions).
// Clicking one moves the playhead there and shows it in the log.

export function markerClass(name: string): string {
  if (name.startsWith("!")) return "ev-operator";
  if (name === "+sdown" || name === "+odown") return "ev-down";
  if (name.startsWith("-failover-abort")) return "ev-abort";
  if (name === "+switch-master" || name === "+promoted-slave") return "ev-switch";
  if (name === "+convert-to-slave") return "ev-demote";
  return "ev-election";
}

export const EventMarks = memo(function EventMarks({
  trace,
  markers,
  x,
  y,
}: {
  trace: Trace;
  markers: number[];
  x: ScaleLinear<number, number>;
  y: number;
}) {
  const store = useLabStore();
  return (
    <g className="event-marks">
      {markers.map((i) => {
        const e = trace.events[i]!;
        const cx = x(e.tMs);
        return (
          // biome-ignore lint/a11y/noStaticElementInteractions: the log lists the same events for the keyboard
          <g
            key={i}
            className={`ev ${markerClass(e.name)}`}
            onClick={() => {
              const st = store.getState();
              st.setPlaying(false);
              st.setPlayhead(e.tMs);
              st.setPanel("log");
            }}
          >
            <rect x={cx - 3} y={y + 2} width={6} height={EVENT_H - 4} rx={1} />
            <title>
              {secs(e.tMs)} {e.process} {e.name} {e.text}
            </title>
          </g>
        );
      })}
    </g>
  );
});
