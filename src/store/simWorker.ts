import { answerSafely } from "./simAnswer";
import type { SimRequest } from "./simProtocol";

// The simulation runs here, off the main thread, so playback and drags stay smooth while a run is computed.

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<SimRequest>) => {
  scope.postMessage(answerSafely(e.data));
};
