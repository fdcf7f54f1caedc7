import { useRef, useState } from "react";
import { replaceScenario } from "../scenario/editConfig";
import { parseScenarioText } from "../scenario/validate";
import { useLab, useLabStore } from "../store/context";
import { shareFragment } from "../store/persist";
import { OPENING_PLAYHEAD_MS } from "../store/playbackSlice";
import type { ViewId } from "../store/uiSlice";
import { ActionMenu, type MenuItem } from "./ActionMenu";
import { configsZip, downloadBlob, downloadText, logText, scenarioJson, standaloneSvg, svgToPng } from "./exporters";

// The app bar: views, undo/redo, the share link, and files in and out.

const VIEWS: Array<[ViewId, string]> = [
  ["lab", "Lab"],
  ["gallery", "Gallery"],
  ["explorer", "Explorer"],
];

const MAX_UPLOAD_BYTES = 2_000_000;

function ShareLink() {
  const store = useLabStore();
  const [shown, setShown] = useState<{ url: string; copied: boolean } | null>(null);
  const copy = async () => {
    const url = `${location.origin}${location.pathname}#${shareFragment(store)}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // Without clipboard permission the link is still shown, selected, to copy by hand.
    }
    setShown({ url, copied });
  };
  return (
    <div className="share">
      <button type="button" className="primary" onClick={copy}>
        Copy link
      </button>
      {shown && (
        <div
          className="popover"
          role="dialog"
          aria-label="Share link"
          onKeyDown={(e) => {
            if (e.key === "Escape") setShown(null);
          }}
        >
          <p>{shown.copied ? "Copied to the clipboard. It opens this scenario at this moment:" : "Copy this link:"}</p>
          <input
            readOnly
            value={shown.url}
            data-testid="share-url"
            aria-label="Share link"
            onFocus={(e) => e.target.select()}
            ref={(el) => el?.select()}
          />
          <button type="button" className="small" onClick={() => setShown(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

export function TopBar({ onShortcuts }: { onShortcuts: () => void }) {
  const store = useLabStore();
  const view = useLab((s) => s.view);
  const setView = useLab((s) => s.setView);
  const title = useLab((s) => s.scenario.title);
  const past = useLab((s) => s.past);
  const future = useLab((s) => s.future);
  const [fileMenu, setFileMenu] = useState<{ x: number; y: number } | null>(null);
  const upload = useRef<HTMLInputElement>(null);
  const fileButton = useRef<HTMLButtonElement>(null);

  const onUpload = async (file: File | undefined) => {
    if (!file) return;
    const st = store.getState();
    if (file.size > MAX_UPLOAD_BYTES) {
      st.notify({
        kind: "error",
        title: `"${file.name}" is too large to be a scenario (over 2 MB); nothing was changed`,
      });
      return;
    }
    const v = parseScenarioText(await file.text());
    if (!v.ok) {
      st.notify({
        kind: "error",
        title: `"${file.name}" is not a valid scenario; nothing was changed`,
        problems: v.problems,
      });
      return;
    }
    if (st.edit(replaceScenario(v.scenario, `open ${file.name}`)).ok) {
      st.setPlayhead(OPENING_PLAYHEAD_MS);
      st.setView("lab");
    }
  };
  const topologyLayers = () => [...document.querySelectorAll<SVGSVGElement>(".topology-layer")];
  const items = (): MenuItem[] => {
    const st = store.getState();
    const id = st.scenario.id;
    const layers = topologyLayers();
    const noSvg = layers.length ? undefined : "open the Lab view first";
    return [
      {
        label: "Download scenario (JSON)",
        act: () => downloadText(`${id}.json`, scenarioJson(st.scenario), "application/json"),
      },
      { label: "Upload scenario (JSON)…", act: () => upload.current?.click() },
      { heading: "Export" },
      {
        label: "Event log (text)",
        act: () => st.run && downloadText(`${id}.log`, logText(st.run.trace), "text/plain"),
        disabled: st.run ? undefined : "still simulating",
      },
      {
        label: "Topology (SVG)",
        act: () => downloadText(`${id}.svg`, standaloneSvg(layers), "image/svg+xml"),
        disabled: noSvg,
      },
      {
        label: "Topology (PNG)",
        act: () => {
          const svg = standaloneSvg(layers);
          const size = /width="(\d+)" height="(\d+)"/.exec(svg);
          svgToPng(svg, Number(size?.[1] ?? 800), Number(size?.[2] ?? 400))
            .then((b) => downloadBlob(`${id}.png`, b))
            .catch((e: Error) =>
              st.notify({ kind: "error", title: "The PNG could not be made", problems: [e.message] }),
            );
        },
        disabled: noSvg,
      },
      {
        label: "redis.conf and sentinel.conf files (zip)",
        act: () => downloadBlob(`${id}-configs.zip`, configsZip(st.scenario)),
      },
      { heading: "Help" },
      { label: "Keyboard shortcuts", act: onShortcuts },
    ];
  };
  return (
    <header className="topbar">
      <h1>Sentinel Lab</h1>
      <nav aria-label="Views">
        {VIEWS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            className="view-tab"
            aria-current={view === id ? "page" : undefined}
            onClick={() => setView(id)}
          >
            {label}
          </button>
        ))}
      </nav>
      <p className="current-title" title={title}>
        {title}
      </p>
      <div className="bar-actions">
        <button
          type="button"
          className="small"
          disabled={!past.length}
          onClick={() => store.getState().undo()}
          title={past.length ? `Undo: ${past.at(-1)!.label} (Ctrl+Z)` : "Nothing to undo"}
        >
          Undo
        </button>
        <button
          type="button"
          className="small"
          disabled={!future.length}
          onClick={() => store.getState().redo()}
          title={future.length ? `Redo: ${future[0]!.label} (Ctrl+Shift+Z)` : "Nothing to redo"}
        >
          Redo
        </button>
        <ShareLink />
        <button
          ref={fileButton}
          type="button"
          aria-haspopup="menu"
          aria-expanded={!!fileMenu}
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            setFileMenu({ x: r.right - 260, y: r.bottom + 4 });
          }}
        >
          File ▾
        </button>
        <input
          ref={upload}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Upload a scenario file"
          onChange={(e) => {
            void onUpload(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </div>
      {fileMenu && (
        <div className="menu-layer">
          <ActionMenu label="File" entries={items()} x={fileMenu.x} y={fileMenu.y} onClose={() => setFileMenu(null)} />
        </div>
      )}
    </header>
  );
}
