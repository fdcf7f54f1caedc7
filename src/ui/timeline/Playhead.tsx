import type { ScaleLinear } from "d3";
import type { KeyboardEvent } from "react";
import { useLab, useLabStore } from "../../store/context";
import { secs } from "../format";

// The playhead: a line across the timeline, and a slider the keyboard can move.

export function Playhead({ x, height }: { x: ScaleLinear<number, number>; height: number }) {
  const store = useLabStore();
  const t = useLab((s) => s.playheadMs);
  const duration = useLab((s) => s.scenario.durationMs);
  const onKey = (e: KeyboardEvent) => {
    const st = store.getState();
    const step = e.shiftKey ? 10_000 : e.altKey ? 100 : 1000;
    const to =
      e.key === "ArrowLeft" || e.key === "ArrowDown"
        ? t - step
        : e.key === "ArrowRight" || e.key === "ArrowUp"
          ? t + step
          : e.key === "PageDown"
            ? t - 10_000
            : e.key === "PageUp"
              ? t + 10_000
              : e.key === "Home"
                ? 0
                : e.key === "End"
                  ? duration
                  : null;
    if (to === null) return;
    e.preventDefault();
    e.stopPropagation();
    st.setPlaying(false);
    st.setPlayhead(to);
  };
  // An HTML element moved by a transform: the compositor moves it without repainting the timeline under it.
  return (
    <div
      className="playhead"
      role="slider"
      tabIndex={0}
      aria-label="Playhead"
      aria-valuemin={0}
      aria-valuemax={duration}
      aria-valuenow={t}
      aria-valuetext={secs(t)}
      onKeyDown={onKey}
      style={{ height, transform: `translateX(${x(t)}px)` }}
    />
  );
}
