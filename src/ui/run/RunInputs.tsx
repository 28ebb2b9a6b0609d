import { memo, useId, useMemo, useState } from "react";
import type { EventsVersion } from "../../core/index.ts";
import { useDocument, useRunView, useServices } from "../services.tsx";
import { rootInputs } from "./run-inputs.ts";

/** The chain's inputs, generated from its root variables, with a JSON editor for anything else. */
export const RunInputs = memo(function RunInputs({ onRun }: { onRun: (input: unknown) => void }) {
  const doc = useDocument((s) => s.doc);
  const shape = useMemo(() => rootInputs(doc), [doc]);
  const [values, setValues] = useState<Record<string, string>>({ topic: "parrots" });
  const [json, setJson] = useState(false);
  const [jsonText, setJsonText] = useState("");
  const [error, setError] = useState<string>();
  const { runView } = useServices();
  const version = useRunView((s) => s.eventsVersion);

  const current = (): unknown => {
    if (json) return JSON.parse(jsonText) as unknown;
    if (shape.kind === "variables") return Object.fromEntries(shape.names.map((n) => [n, values[n] ?? ""]));
    return values.input ?? "";
  };
  const submit = () => {
    try {
      setError(undefined);
      onRun(current());
    } catch (err) {
      setError(`The input is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const names = shape.kind === "variables" ? shape.names : ["input"];
  return (
    <form
      aria-label="Run inputs"
      className="flex flex-wrap items-end gap-2 border-b border-slate-200 pb-2 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {json ? (
        <label className="flex min-w-64 flex-1 flex-col text-xs text-slate-500">
          Input (JSON)
          <textarea
            rows={2}
            value={jsonText}
            onChange={(e) => setJsonText(e.target.value)}
            className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
          />
        </label>
      ) : (
        names.map((n) => (
          <label key={n} className="flex min-w-40 flex-1 flex-col text-xs text-slate-500">
            {n}
            <input
              value={values[n] ?? ""}
              onChange={(e) => setValues({ ...values, [n]: e.target.value })}
              className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
            />
          </label>
        ))
      )}
      <label className="flex items-center gap-1 text-xs text-slate-500">
        <input
          type="checkbox"
          checked={json}
          onChange={(e) => {
            if (e.target.checked) setJsonText(JSON.stringify(current(), null, 0));
            setJson(e.target.checked);
          }}
        />
        JSON
      </label>
      <EventsVersionChoice version={version} onChange={(v) => runView.getState().setEventsVersion(v)} />
      <button type="submit" className="sr-only">
        Run with these inputs
      </button>
      {error && (
        <p role="alert" className="w-full text-xs text-red-600">
          {error}
        </p>
      )}
    </form>
  );
});

const VERSIONS = ["v2", "v1"] as const;

/**
 * The streamEvents schema to record, as two radio buttons. Not a <select>: Chromium never lays out
 * an ancestor of a <select> on its own (its picker is anchored to it), so one in the run column made
 * every update of the output below it lay out the whole page (docs/run.md#performance).
 */
function EventsVersionChoice({
  version,
  onChange,
}: {
  version: EventsVersion;
  onChange: (version: EventsVersion) => void;
}) {
  const name = useId();
  return (
    <fieldset
      className="flex items-center gap-1 text-xs text-slate-500"
      title="The streamEvents schema to record"
    >
      <legend className="float-left mr-1">Events</legend>
      {/* No overflow clipping: the focus outline draws outside the label. The chosen one is bold
          as well as filled, so it does not rest on colour alone (forced colours drop fills). */}
      <span className="flex rounded border border-slate-300 dark:border-slate-700">
        {VERSIONS.map((v) => (
          <label
            key={v}
            className="cursor-pointer px-1.5 py-0.5 first:rounded-l-[3px] last:rounded-r-[3px] has-checked:bg-cyan-700 has-checked:font-semibold has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-cyan-600 dark:has-checked:bg-cyan-600 forced-colors:has-checked:underline"
          >
            <input
              type="radio"
              name={name}
              value={v}
              checked={version === v}
              onChange={() => onChange(v)}
              className="sr-only"
            />
            {v}
          </label>
        ))}
      </span>
    </fieldset>
  );
}
