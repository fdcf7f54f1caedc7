import { useEffect } from "react";
import { deleteAction, deleteFault } from "../scenario/edit";
import { faultBands } from "../scenario/faults";
import type { LabStore } from "../store/store";

// Keyboard shortcuts for the whole page. Keys that a focused control uses itself (typing in a field, Space
// on a button, arrows on a slider or a fault band) are left to that control.

export const SHORTCUTS: Array<[string, string]> = [
  ["Space or K", "play / pause"],
  ["← / →", "back / forward 1 s (Shift: 10 s)"],
  [", / .", "back / forward 0.1 s"],
  ["[ / ]", "previous / next event"],
  ["− / +", "slower / faster"],
  ["Home / End", "start / end"],
  ["Ctrl+Z / Ctrl+Shift+Z", "undo / redo"],
  ["Delete", "delete the selected fault or action"],
  ["?", "this list"],
];

function typing(el: Element | null): boolean {
  return !!el?.closest("input, textarea, select, [contenteditable=true]");
}

function ownsArrows(el: Element | null): boolean {
  return !!el?.closest('[role=slider], [role=menu], [role=tablist], .band, .action-mark, input[type="range"]');
}

function ownsSpace(el: Element | null): boolean {
  return !!el?.closest(
    'button, [role=button], [role=menuitem], [role=tab], a, summary, input[type="checkbox"], input[type="radio"]',
  );
}

export function useShortcuts(store: LabStore, onHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const st = store.getState();
      const target = document.activeElement;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !typing(target)) {
        const key = e.key.toLowerCase();
        if (key === "z" && !e.shiftKey) st.undo();
        else if ((key === "z" && e.shiftKey) || key === "y") st.redo();
        else return;
        e.preventDefault();
        return;
      }
      if (mod || e.altKey || typing(target) || st.view !== "lab") return;
      const seek = (d: number) => {
        st.setPlaying(false);
        st.setPlayhead(st.playheadMs + d);
      };
      switch (e.key) {
        case " ":
          if (ownsSpace(target)) return;
          st.togglePlay();
          break;
        case "k":
          st.togglePlay();
          break;
        case "ArrowLeft":
        case "ArrowRight":
          if (ownsArrows(target)) return;
          seek((e.key === "ArrowLeft" ? -1 : 1) * (e.shiftKey ? 10_000 : 1000));
          break;
        case ",":
        case ".":
          seek(e.key === "," ? -100 : 100);
          break;
        case "[":
        case "]":
          st.stepEvent(e.key === "[" ? -1 : 1);
          break;
        case "-":
        case "_":
          st.stepSpeed(-1);
          break;
        case "+":
        case "=":
          st.stepSpeed(1);
          break;
        case "Home":
        case "End":
          if (ownsArrows(target)) return;
          seek(e.key === "Home" ? -st.playheadMs : st.scenario.durationMs);
          break;
        case "Delete":
        case "Backspace": {
          const i = st.selectedAction;
          if (i === null) return;
          const band = faultBands(st.scenario).some((b) => b.start === i);
          st.edit(band ? deleteFault(i) : deleteAction(i));
          st.selectAction(null);
          break;
        }
        case "?":
          onHelp();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, onHelp]);
}
