import type { Scenario } from "../scenario/schema";
import type { SimRequest, SimResponse } from "./simProtocol";

// Talks to a simulation worker. Without Worker support (or if it fails to start) the same code runs inline,
// loaded on demand so the model stays out of the initial bundle.

type Send = (req: SimRequest) => void;
type Receive = (res: SimResponse) => void;

function connect(onMessage: Receive): Send {
  try {
    const worker = new Worker(new URL("./simWorker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<SimResponse>) => onMessage(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      onMessage({ id: -1, kind: "run", ok: false, error: `the simulation worker failed: ${e.message}` });
    };
    return (req) => worker.postMessage(req);
  } catch {
    return (req) => {
      void import("./simAnswer").then(({ answerSafely }) => onMessage(answerSafely(req)));
    };
  }
}

export type RunResult = Extract<SimResponse, { kind: "run" }>;

export interface Runner {
  /** Simulate this scenario for the screen: the newest request wins. */
  run: (s: Scenario) => void;
  /** Simulate it now if the worker is idle, in case it is asked for soon (the drop of a dragged box). */
  speculate: (s: Scenario) => void;
}

/** Runs already done, by scenario content; a handful is enough (the current one and a drag's candidates). */
const CACHE_SIZE = 6;

/**
 * Runs the latest scenario only: while one run is in flight, newer requests replace each other, and the
 * in-flight result is dropped when a newer scenario is waiting. Every finished run is kept for a while by
 * the scenario's content, so asking for a scenario simulated speculatively is answered at once.
 */
export function createRunner(
  onResult: (scenario: Scenario, res: RunResult) => void,
  onError: (e: string) => void,
): Runner {
  const cache = new Map<string, RunResult>();
  let inFlight: { key: string; scenario: Scenario; wanted: boolean } | null = null;
  let waiting: Scenario | null = null;
  let nextId = 1;
  const remember = (key: string, res: RunResult) => {
    cache.delete(key);
    cache.set(key, res);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  };
  const send = connect((res) => {
    const done = inFlight;
    inFlight = null;
    if (done && res.ok && res.kind === "run") remember(done.key, res);
    if (waiting) {
      const s = waiting;
      waiting = null;
      run(s);
    } else if (done?.wanted) {
      if (res.ok && res.kind === "run") onResult(done.scenario, res);
      else if (!res.ok) onError(res.error);
    }
  });
  function start(scenario: Scenario, key: string, wanted: boolean) {
    inFlight = { key, scenario, wanted };
    send({ id: nextId++, kind: "run", scenario });
  }
  function run(s: Scenario) {
    const key = JSON.stringify(s);
    const hit = cache.get(key);
    if (hit) {
      waiting = null;
      if (inFlight) inFlight.wanted = false;
      onResult(s, hit);
    } else if (inFlight?.key === key) {
      inFlight.scenario = s;
      inFlight.wanted = true;
      waiting = null;
    } else if (inFlight) waiting = s;
    else start(s, key, true);
  }
  return {
    run,
    speculate: (s) => {
      const key = JSON.stringify(s);
      if (!inFlight && !cache.has(key)) start(s, key, false);
    },
  };
}

type Background = Exclude<SimRequest["kind"], "run">;
type BackgroundRequest = Extract<SimRequest, { kind: Background }>;
type Omit1<T> = T extends unknown ? Omit<T, "id"> : never;

/** A second worker for work nobody is waiting on (gallery checks, checks over many seeds), answered in order. */
export function createBackground(): (req: Omit1<BackgroundRequest>) => Promise<SimResponse> {
  const waiting = new Map<number, (res: SimResponse) => void>();
  let nextId = 1;
  let send: Send | null = null;
  return (req) => {
    send ??= connect((res) => {
      waiting.get(res.id)?.(res);
      waiting.delete(res.id);
    });
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      send!({ ...req, id } as SimRequest);
    });
  };
}
