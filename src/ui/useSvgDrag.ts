import { drag, select } from "d3";
import { type RefObject, useEffect, useRef } from "react";

// d3-drag on an SVG element that React renders: D3 only listens and reports positions in the SVG's own
// units (it inverts the screen transform); React keeps drawing every node. Handlers may change per render.

export interface SvgDragHandlers {
  start?: (x: number, y: number) => void;
  move: (x: number, y: number) => void;
  end?: (x: number, y: number) => void;
}

export function useSvgDrag<E extends SVGElement>(ref: RefObject<E | null>, handlers: SvgDragHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const svg = el instanceof SVGSVGElement ? el : el.ownerSVGElement;
    if (!svg) return;
    const behavior = drag<E, unknown>()
      .container(svg)
      .clickDistance(3)
      .on("start", (e) => current.current.start?.(e.x, e.y))
      .on("drag", (e) => current.current.move(e.x, e.y))
      .on("end", (e) => current.current.end?.(e.x, e.y));
    const sel = select(el).call(behavior);
    return () => {
      sel.on(".drag", null);
    };
  }, [ref]);
}
