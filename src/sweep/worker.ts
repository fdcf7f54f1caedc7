import { createWorkerCore, type ToWorker } from "./protocol";

// One sweep worker: runs the cells it is sent, one at a time, and posts each result as soon as it has it.

const scope = self as unknown as DedicatedWorkerGlobalScope;
const core = createWorkerCore();

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const out = core.handle(e.data);
  if (out) scope.postMessage(out);
};
