import { useRef } from "react";

/**
 * A template textarea with its {variables} highlighted: a highlighted copy of the text sits behind a
 * transparent textarea with the same metrics, so typing, selection and IME stay native.
 */
export function TemplateEditor({
  value,
  onChange,
  label,
  rows = 3,
  mustache = false,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  rows?: number;
  mustache?: boolean;
}) {
  const back = useRef<HTMLPreElement>(null);
  const shared = "m-0 w-full px-2 py-1 font-mono text-xs leading-5 break-words whitespace-pre-wrap";
  const pattern = mustache ? /(\{\{[^{}]+\}\})/g : /(\{\{|\}\}|\{[^{}]+\})/g;
  return (
    <div className="relative rounded-md border border-slate-300 bg-white focus-within:border-cyan-500 dark:border-slate-700 dark:bg-slate-950">
      <pre
        ref={back}
        aria-hidden
        className={`${shared} pointer-events-none absolute inset-0 overflow-hidden text-slate-900 dark:text-slate-100`}
      >
        {value.split(pattern).map((part, i) =>
          (mustache ? /^\{\{[^{}]+\}\}$/ : /^\{[^{}]+\}$/).test(part) ? (
            <mark key={i} className="rounded bg-amber-200/70 text-inherit dark:bg-amber-700/60">
              {part}
            </mark>
          ) : (
            <span key={i}>{part}</span>
          ),
        )}
        {"\n"}
      </pre>
      <textarea
        aria-label={label}
        rows={rows}
        value={value}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (back.current) back.current.scrollTop = e.currentTarget.scrollTop;
        }}
        className={`${shared} relative block resize-y bg-transparent text-transparent caret-slate-900 focus:outline-none dark:caret-slate-100`}
      />
    </div>
  );
}
