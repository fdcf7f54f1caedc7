import { replaceScenario } from "../scenario/editConfig";
import type { Scenario } from "../scenario/schema";
import { decodeShare, encodeShare, fragmentOf, isShareFragment } from "../scenario/url";
import { validateScenario } from "../scenario/validate";
import { OPENING_PLAYHEAD_MS } from "./playbackSlice";
import type { LabStore } from "./store";
import type { Message } from "./uiSlice";

// Where work lives between visits: the URL fragment (a shareable copy of the scenario and the playhead) and
// an autosave in localStorage. Bad input is reported and never written over saved work.

export const AUTOSAVE_KEY = "sentinel-lab:autosave:v1";

export interface BootState {
  scenario: Scenario;
  playheadMs: number;
  messages: Array<Omit<Message, "id">>;
}

interface Saved {
  scenario: unknown;
  playheadMs?: unknown;
}

function readAutosave(storage: Storage | null): { scenario: Scenario; playheadMs: number } | string | null {
  let text: string | null = null;
  try {
    text = storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return null;
  }
  if (text === null) return null;
  let saved: Saved;
  try {
    saved = JSON.parse(text) as Saved;
  } catch {
    return "the saved data is not JSON";
  }
  const v = validateScenario(saved?.scenario);
  if (!v.ok) return v.problems.join("; ");
  const t = typeof saved.playheadMs === "number" ? saved.playheadMs : 0;
  return { scenario: v.scenario, playheadMs: t };
}

/** What to show first: a shared link wins, then the autosave, then the default scenario. */
export function bootState(hash: string, storage: Storage | null, fallback: Scenario): BootState {
  const messages: BootState["messages"] = [];
  const saved = readAutosave(storage);
  if (typeof saved === "string")
    messages.push({
      kind: "error",
      title: "Your autosaved work could not be restored; it is kept as it was",
      problems: [saved],
    });
  const restored = saved && typeof saved !== "string" ? saved : null;
  const fragment = fragmentOf(hash);
  if (isShareFragment(fragment)) {
    const link = decodeShare(fragment);
    if (link.ok) return { ...link.state, messages };
    messages.push({
      kind: "error",
      title: `This link could not be opened; ${restored ? "your autosaved work is shown instead" : "the default scenario is shown instead"}`,
      problems: link.problems,
    });
  }
  if (restored) return { ...restored, messages };
  return { scenario: fallback, playheadMs: OPENING_PLAYHEAD_MS, messages };
}

/**
 * Runs `fn` once things are quiet for `ms`; `flush` runs a pending call at once (the page is going away),
 * `flushNow` runs it at once whether pending or not.
 */
function debounce(fn: () => void, ms: number): { schedule: () => void; flush: () => void; flushNow: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    fn();
  };
  return {
    schedule: () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, ms);
    },
    flush: () => {
      if (timer) run();
    },
    flushNow: run,
  };
}

export function shareFragment(store: LabStore): string {
  const s = store.getState();
  return encodeShare({ scenario: s.scenario, playheadMs: s.playheadMs });
}

/** Keeps the URL and the autosave in step with the store, and opens links pasted into the address bar. */
export function startPersistence(store: LabStore, storage: Storage | null): () => void {
  let written = "";
  const writeUrl = debounce(() => {
    if (store.getState().playing) return;
    written = shareFragment(store);
    history.replaceState(null, "", `#${written}`);
  }, 200);
  const writeSave = debounce(() => {
    const { scenario, playheadMs, dirty } = store.getState();
    if (!dirty) return;
    try {
      storage?.setItem(AUTOSAVE_KEY, JSON.stringify({ scenario, playheadMs }));
    } catch {
      store.getState().notify({ kind: "error", title: "Autosave failed: the browser's storage is full or disabled" });
    }
  }, 300);
  const unsubscribe = store.subscribe((s, prev) => {
    // An edit goes into the URL at once (a reload right after it must find it there); the playhead, which
    // moves continuously while scrubbing, when it rests.
    const edited = s.scenario !== prev.scenario;
    if (!edited && s.playing === prev.playing && s.playheadMs === prev.playheadMs) return;
    if (!s.playing) edited ? writeUrl.flushNow() : writeUrl.schedule();
    writeSave.schedule();
  });
  // A reload right after an edit must not lose it.
  const onLeave = () => {
    writeUrl.flush();
    writeSave.flush();
  };
  window.addEventListener("pagehide", onLeave);
  const onHashChange = () => {
    const fragment = fragmentOf(location.hash);
    if (fragment === written || !isShareFragment(fragment)) return;
    const link = decodeShare(fragment);
    const st = store.getState();
    if (!link.ok) {
      st.notify({
        kind: "error",
        title: "This link could not be opened; nothing was changed",
        problems: link.problems,
      });
      return;
    }
    if (st.edit(replaceScenario(link.state.scenario, "open a link")).ok || link.state.scenario === st.scenario)
      st.setPlayhead(link.state.playheadMs);
  };
  window.addEventListener("hashchange", onHashChange);
  writeUrl.schedule();
  return () => {
    unsubscribe();
    window.removeEventListener("hashchange", onHashChange);
    window.removeEventListener("pagehide", onLeave);
  };
}
