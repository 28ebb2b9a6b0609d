import { useRef, useState } from "react";
import { Button } from "../../Button.tsx";
import type { BatchFormat, ParsedBatch } from "./batch-input.ts";

const FORMAT_NAMES: Record<BatchFormat, string> = { jsonl: "JSON lines", csv: "CSV" };
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const PLACEHOLDER = `topic
parrots
"cats, mostly"

or one JSON value per line:
{"topic": "parrots"}`;

/** The batch's inputs: a textarea or a file, the format (detected or chosen), and what parsing found. */
export function BatchInputEditor({
  text,
  onText,
  formatChoice,
  detected,
  onFormat,
  parsed,
  disabled,
}: {
  text: string;
  onText: (text: string) => void;
  formatChoice: BatchFormat | "auto";
  detected: BatchFormat;
  onFormat: (format: BatchFormat | "auto") => void;
  parsed: ParsedBatch | undefined;
  disabled: boolean;
}) {
  const file = useRef<HTMLInputElement>(null);
  const [fileProblem, setFileProblem] = useState<string>();
  const load = async (f: File) => {
    if (f.size > MAX_FILE_BYTES) {
      setFileProblem(`${f.name} is larger than 20 MB.`);
      return;
    }
    setFileProblem(undefined);
    onText(await f.text());
    const ext = f.name.toLowerCase().split(".").pop();
    onFormat(ext === "csv" || ext === "tsv" ? "csv" : ext === "jsonl" || ext === "ndjson" ? "jsonl" : "auto");
  };
  return (
    <div className="flex flex-col gap-1">
      <label className="flex flex-col gap-1 text-xs text-slate-500 dark:text-slate-400">
        Batch inputs (CSV with a header row, or JSON lines)
        <textarea
          rows={4}
          value={text}
          disabled={disabled}
          spellCheck={false}
          placeholder={PLACEHOLDER}
          onChange={(e) => onText(e.target.value)}
          className="resize-y rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs text-slate-900 placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-cyan-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500"
        />
      </label>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
        <Button
          disabled={disabled}
          onClick={() => file.current?.click()}
          className="h-7 px-2 text-xs focus-visible:outline-2 focus-visible:outline-cyan-600"
        >
          Load file…
        </Button>
        <input
          ref={file}
          type="file"
          accept=".csv,.tsv,.jsonl,.ndjson,.json,.txt,text/csv,application/x-ndjson"
          aria-label="Batch input file"
          className="hidden"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (f) void load(f);
          }}
        />
        <label className="flex items-center gap-1">
          Format
          <select
            value={formatChoice}
            disabled={disabled}
            onChange={(e) => onFormat(e.target.value as BatchFormat | "auto")}
            className="h-7 rounded border border-slate-300 bg-white px-1 text-xs text-slate-800 focus-visible:outline-2 focus-visible:outline-cyan-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
          >
            <option value="auto">Detect ({FORMAT_NAMES[detected]})</option>
            <option value="csv">CSV</option>
            <option value="jsonl">JSON lines</option>
          </select>
        </label>
        {parsed?.ok && (
          <span className="ml-auto font-medium text-slate-700 dark:text-slate-200">
            {parsed.inputs.length} input{parsed.inputs.length === 1 ? "" : "s"}
          </span>
        )}
      </div>
      {fileProblem && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {fileProblem}
        </p>
      )}
      {parsed && !parsed.ok && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {parsed.message}
        </p>
      )}
      {parsed?.ok &&
        parsed.warnings.map((w) => (
          <p key={w} className="text-xs text-amber-700 dark:text-amber-400">
            {w}
          </p>
        ))}
    </div>
  );
}
