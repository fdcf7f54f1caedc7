import { type KeyboardEvent, useEffect, useRef } from "react";

// A small popup menu (box and process actions, the file menu). Keyboard: arrows, Home/End, Enter, Escape.

export type MenuItem = { heading: string } | { label: string; act: () => void; disabled?: string };

interface Props {
  label: string;
  entries: MenuItem[];
  /** Position in the page (CSS pixels, relative to the offset parent). */
  x: number;
  y: number;
  onClose: () => void;
}

export function ActionMenu({ label, entries, x, y, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLButtonElement>("button:not([disabled])")?.focus();
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onDown, true);
    return () => {
      document.removeEventListener("pointerdown", onDown, true);
      opener?.focus?.();
    };
  }, [onClose]);
  const onKey = (e: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button:not([disabled])") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "Escape") onClose();
    else if (e.key === "ArrowDown") items[(i + 1) % items.length]?.focus();
    else if (e.key === "ArrowUp") items[(i - 1 + items.length) % items.length]?.focus();
    else if (e.key === "Home") items[0]?.focus();
    else if (e.key === "End") items.at(-1)?.focus();
    else if (e.key !== "Tab") return;
    if (e.key === "Tab") onClose();
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div ref={ref} className="menu" role="menu" aria-label={label} style={{ left: x, top: y }} onKeyDown={onKey}>
      {entries.map((m) =>
        "heading" in m ? (
          <div key={`h-${m.heading}`} className="menu-heading" role="presentation">
            {m.heading}
          </div>
        ) : (
          <button
            key={m.label}
            type="button"
            role="menuitem"
            disabled={!!m.disabled}
            title={m.disabled}
            onClick={() => {
              onClose();
              m.act();
            }}
          >
            {m.label}
          </button>
        ),
      )}
    </div>
  );
}
