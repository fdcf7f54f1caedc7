import { useEffect } from "react";
import type { LabStore } from "../store/store";

// Moves the playhead while playing: virtual time advances by real time × speed, one step per frame.

export function usePlayback(store: LabStore): void {
  useEffect(() => {
    let frame = 0;
    let last: number | null = null;
    const tick = (now: number) => {
      const s = store.getState();
      if (s.playing && last !== null) {
        const next = s.playheadMs + (now - last) * s.speed;
        if (next >= s.scenario.durationMs) {
          s.setPlayhead(s.scenario.durationMs);
          s.setPlaying(false);
        } else s.setPlayhead(next);
      }
      last = s.playing ? now : null;
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [store]);
}
