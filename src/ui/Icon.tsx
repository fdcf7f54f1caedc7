// Small inline icons: system fonts do not all have the media-control glyphs.

const PATHS = {
  play: "M5 3 L13 8 L5 13 Z",
  pause: "M4 3 H7 V13 H4 Z M9 3 H12 V13 H9 Z",
  prev: "M3 3 H5 V13 H3 Z M13 3 L6 8 L13 13 Z",
  next: "M11 3 H13 V13 H11 Z M3 3 L10 8 L3 13 Z",
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
