// The base styles first: the components' own style sheets, imported with them, build on it.
import "./ui/app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { StoreContext } from "./store/context";
import { bootState, startPersistence } from "./store/persist";
import { startSimulation } from "./store/simSync";
import { createLabStore } from "./store/store";
import { App } from "./ui/App";
import { defaultScenario } from "./ui/catalog";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const root = document.getElementById("root");
const fallback = defaultScenario();
if (root && fallback) {
  const boot = bootState(location.hash, storage(), fallback);
  const store = createLabStore(boot.scenario);
  store.getState().reset(boot.scenario, boot.playheadMs);
  for (const m of boot.messages) store.getState().notify(m);
  startSimulation(store);
  startPersistence(store, storage());
  createRoot(root).render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
} else if (root) root.textContent = "No scenario is bundled with this build.";
