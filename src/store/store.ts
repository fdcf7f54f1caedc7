import { create } from "zustand";
import type { Scenario } from "../scenario/schema";
import { createPlaybackSlice, type PlaybackSlice } from "./playbackSlice";
import { createRunSlice, type RunSlice } from "./runSlice";
import { createScenarioSlice, type ScenarioSlice } from "./scenarioSlice";
import { createUiSlice, type UiSlice } from "./uiSlice";

// One store built from small slices (architecture.md "Store and UI").

export type LabState = ScenarioSlice & RunSlice & PlaybackSlice & UiSlice;

export function createLabStore(initial: Scenario) {
  return create<LabState>()((...a) => ({
    ...createScenarioSlice(initial)(...a),
    ...createRunSlice(...a),
    ...createPlaybackSlice(...a),
    ...createUiSlice(...a),
  }));
}

export type LabStore = ReturnType<typeof createLabStore>;
