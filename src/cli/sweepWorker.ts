import { parentPort } from "node:worker_threads";
import { createWorkerCore, type ToWorker } from "../sweep/protocol";

// A sweep worker for the CLI: the same core as the browser's worker.ts, on a Node worker thread.

const port = parentPort;
if (!port) throw new Error("sweepWorker.ts runs as a worker thread of src/cli/sweep.ts");
const core = createWorkerCore();
port.on("message", (msg: ToWorker) => {
  const out = core.handle(msg);
  if (out) port.postMessage(out);
});
