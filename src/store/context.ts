import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { LabState, LabStore } from "./store";

// Components read the store through a context, so a test or a bench can mount the app on its own store.

export const StoreContext = createContext<LabStore | null>(null);

export function useLabStore(): LabStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useLab outside <StoreContext.Provider>");
  return store;
}

export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabStore(), selector);
}
