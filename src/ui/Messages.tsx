import { useEffect } from "react";
import { useLab } from "../store/context";

// Errors (bad link, bad file, impossible edit) stay until dismissed; notes fade after a few seconds.
// Every message is plain text: scenario names and problems are never rendered as HTML.

export function Messages() {
  const messages = useLab((s) => s.messages);
  const dismiss = useLab((s) => s.dismiss);
  useEffect(() => {
    const infos = messages.filter((m) => m.kind === "info");
    if (!infos.length) return;
    const timer = setTimeout(() => {
      for (const m of infos) dismiss(m.id);
    }, 4000);
    return () => clearTimeout(timer);
  }, [messages, dismiss]);
  return (
    <div className="messages">
      {messages.map((m) => (
        <div key={m.id} className={`message ${m.kind}`} role={m.kind === "error" ? "alert" : "status"}>
          <div>
            <strong>{m.title}</strong>
            {m.problems && m.problems.length > 0 && (
              <ul>
                {m.problems.slice(0, 8).map((p) => (
                  <li key={p}>{p}</li>
                ))}
                {m.problems.length > 8 && <li>and {m.problems.length - 8} more</li>}
              </ul>
            )}
          </div>
          <button type="button" className="small" onClick={() => dismiss(m.id)} aria-label={`Dismiss: ${m.title}`}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
