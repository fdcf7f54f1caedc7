import { type RefObject, useEffect, useState } from "react";

/** The element's content size, updated when it is resized (rounded to `step` px so small jitters do not re-layout). */
export function useElementSize(ref: RefObject<HTMLElement | null>, step = 1): { width: number; height: number } {
  const [size, setSize] = useState({ width: 800, height: 500 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const r = entry!.contentRect;
      const width = Math.max(step, Math.round(r.width / step) * step);
      const height = Math.max(step, Math.round(r.height / step) * step);
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, step]);
  return size;
}
