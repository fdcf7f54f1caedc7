import type { StateCreator } from "zustand";
import type { LabState } from "./store";

// The playhead every view reads, and how it moves.

/**
 * Where a newly opened scenario starts: just after start-up (replicas connect and clients find their master
 * within a few milliseconds), so the first picture is the healthy deployment rather than its boot.
 */
export const OPENING_PLAYHEAD_MS = 1000;

export const SPEED_MIN = 0.1;
export const SPEED_MAX = 100;
/** Speed steps for the keyboard: 1-2-5 per decade. */
export const SPEED_STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

export interface PlaybackSlice {
  playheadMs: number;
  playing: boolean;
  /** Virtual seconds per real second. */
  speed: number;
  setPlayhead: (tMs: number) => void;
  setPlaying: (playing: boolean) => void;
  togglePlay: () => void;
  setSpeed: (speed: number) => void;
  stepSpeed: (dir: 1 | -1) => void;
  /** Jump to the previous or next notable event (markers on the timeline). */
  stepEvent: (dir: 1 | -1) => void;
}

export const createPlaybackSlice: StateCreator<LabState, [], [], PlaybackSlice> = (set, get) => ({
  playheadMs: 0,
  playing: false,
  speed: 10,
  setPlayhead: (tMs) => set({ playheadMs: Math.max(0, Math.min(get().scenario.durationMs, Math.round(tMs))) }),
  setPlaying: (playing) => {
    const s = get();
    // Playing from the end starts over, as a media player does.
    if (playing && s.playheadMs >= s.scenario.durationMs) set({ playheadMs: 0 });
    set({ playing });
  },
  togglePlay: () => get().setPlaying(!get().playing),
  setSpeed: (speed) => set({ speed: Math.max(SPEED_MIN, Math.min(SPEED_MAX, speed)) }),
  stepSpeed: (dir) => {
    const { speed } = get();
    const next =
      dir > 0 ? SPEED_STEPS.find((x) => x > speed * 1.001) : [...SPEED_STEPS].reverse().find((x) => x < speed * 0.999);
    if (next !== undefined) set({ speed: next });
  },
  stepEvent: (dir) => {
    const { run, playheadMs, setPlayhead } = get();
    if (!run) return;
    const times = run.derived.markers.map((i) => run.trace.events[i]!.tMs);
    const t = dir > 0 ? times.find((x) => x > playheadMs) : [...times].reverse().find((x) => x < playheadMs);
    if (t !== undefined) {
      set({ playing: false });
      setPlayhead(t);
    }
  },
});
