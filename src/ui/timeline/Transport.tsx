import { useLab, useLabStore } from "../../store/context";
import { SPEED_MAX, SPEED_MIN } from "../../store/playbackSlice";
import { selectStale } from "../../store/selectors";
import { clock, speedText } from "../format";
import { Icon } from "../Icon";

// Play, pause, step between events, and the speed on a log scale from 0.1× to 100×.

export function Transport() {
  const store = useLabStore();
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const t = useLab((s) => s.playheadMs);
  const duration = useLab((s) => s.scenario.durationMs);
  const stale = useLab(selectStale);
  const failed = useLab((s) => s.runError !== null);
  const st = () => store.getState();
  return (
    <div className="transport" role="toolbar" aria-label="Playback">
      <button type="button" onClick={() => st().stepEvent(-1)} aria-label="Previous event" title="Previous event ( [ )">
        <Icon name="prev" />
      </button>
      <button
        type="button"
        className="play primary"
        onClick={() => st().togglePlay()}
        aria-label={playing ? "Pause" : "Play"}
        title={playing ? "Pause (Space)" : "Play (Space)"}
      >
        <Icon name={playing ? "pause" : "play"} />
      </button>
      <button type="button" onClick={() => st().stepEvent(1)} aria-label="Next event" title="Next event ( ] )">
        <Icon name="next" />
      </button>
      {/* The clock changes every frame: it sits in a fixed box that is its own layout root (a flex item cannot
          be one), so its text never makes the page around it be laid out again. */}
      <span className="time-slot">
        <span className="time" data-testid="playhead-time">
          {clock(t)} <span className="of">/ {clock(duration)}</span>
        </span>
      </span>
      <label className="speed">
        <span>Speed</span>
        <input
          type="range"
          min={Math.log10(SPEED_MIN)}
          max={Math.log10(SPEED_MAX)}
          step={0.05}
          value={Math.log10(speed)}
          aria-valuetext={speedText(speed)}
          onChange={(e) => st().setSpeed(Number((10 ** Number(e.target.value)).toPrecision(2)))}
        />
        <output>{speedText(speed)}</output>
      </label>
      <span className="keys" aria-hidden>
        Space play · ←/→ 1 s · [ ] event · −/+ speed
      </span>
      {stale && (
        <span className="running" role="status">
          {failed ? "the simulation failed: see the message" : "simulating…"}
        </span>
      )}
    </div>
  );
}
