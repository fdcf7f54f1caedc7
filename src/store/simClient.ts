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

/**
 * Runs the latest scenario only: while one run is in flight, newer requests replace each other, and the
 * in-flight result is dropped when a newer scenario is waiting.
 */
export function createRunner(onResult: (scenario: Scenario, res: SimResponse) => void): (s: Scenario) => void {
  let inFlight: Scenario | null = null;
  let waiting: Scenario | null = null;
  let nextId = 1;
  const send = connect((res) => {
    const done = inFlight;
    inFlight = null;
    if (waiting) {
      const s = waiting;
      waiting = null;
      start(s);
    } else if (done) onResult(done, res);
  });
  function start(s: Scenario) {
    inFlight = s;
    send({ id: nextId++, kind: "run", scenario: s });
  }
  return (s) => {
    if (inFlight) waiting = s;
    else start(s);
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
