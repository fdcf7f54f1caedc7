import { useEffect, useId, useState } from "react";
import type { Edit } from "../../scenario/edit";
import { useLabStore } from "../../store/context";

// One option in the config editor. The value is checked as the user types leaves the field; an invalid one
// gets a message right under it and never reaches the scenario (the edit is validated as a whole).

interface Props {
  /** Redis's own option name, shown as the label. */
  name: string;
  help?: string;
  value: number | string | undefined;
  /** Shown greyed when the field is empty: the inherited or default value. */
  placeholder?: string;
  kind: "int" | "number" | "text" | "yesno";
  /** Empty input: undefined (go back to the inherited value) when the option allows it. */
  toEdit: (v: number | string | undefined) => Edit;
  allowEmpty?: boolean;
}

function parse(kind: Props["kind"], text: string): { ok: true; v: number | string } | { ok: false; problem: string } {
  const s = text.trim();
  if (kind === "text") return { ok: true, v: text };
  if (kind === "yesno")
    return s === "yes" || s === "no" ? { ok: true, v: s } : { ok: false, problem: 'this option is "yes" or "no"' };
  const n = Number(s);
  if (s === "" || !Number.isFinite(n)) return { ok: false, problem: "a number is needed here" };
  if (kind === "int" && !Number.isInteger(n)) return { ok: false, problem: "a whole number is needed here" };
  return { ok: true, v: n };
}

export function Field({ name, help, value, placeholder, kind, toEdit, allowEmpty }: Props) {
  const store = useLabStore();
  const id = useId();
  const [text, setText] = useState(value === undefined ? "" : String(value));
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    setText(value === undefined ? "" : String(value));
    setProblems([]);
  }, [value]);
  const commit = () => {
    const current = value === undefined ? "" : String(value);
    if (text === current) return setProblems([]);
    let next: number | string | undefined;
    if (text.trim() === "" && allowEmpty) next = undefined;
    else {
      const p = parse(kind, text);
      if (!p.ok) return setProblems([p.problem]);
      next = p.v;
    }
    const outcome = store.getState().edit(toEdit(next), { quiet: true });
    // Strip the "Cannot set … :" prefix: the message sits right under the field it is about.
    setProblems(outcome.ok ? [] : outcome.problems.map((m) => m.replace(/^Cannot [^:]*: /, "")));
  };
  const invalid = problems.length > 0;
  return (
    <div className={`field${invalid ? " invalid" : ""}`}>
      <label htmlFor={id}>
        <code>{name}</code>
        {help && <span className="help">{help}</span>}
      </label>
      <input
        id={id}
        value={text}
        placeholder={placeholder}
        inputMode={kind === "int" || kind === "number" ? "decimal" : undefined}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-problem` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") {
            setText(value === undefined ? "" : String(value));
            setProblems([]);
          }
        }}
      />
      {invalid && (
        <p className="problem" id={`${id}-problem`} role="alert">
          {problems.join(" ")}
        </p>
      )}
    </div>
  );
}
