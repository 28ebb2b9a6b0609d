import { useMemo } from "react";
import { documentsOf, formatValue, messagesOf, roleLabel } from "../../format-value.ts";
import { BlockText } from "./BlockText.tsx";
import { textTail } from "./text-tail.ts";
import { formatCount } from "../../format-count.ts";

/** Long message or document text is cut here on the node; the whole value is one click away. */
const CLIP_CHARS = 600;

const BOX = "m-2 h-28 rounded bg-slate-50 px-2 py-1.5 text-[11px] leading-snug dark:bg-slate-950";

/**
 * A node's structured value as a person reads it: a prompt's formatted messages, a retriever's
 * documents, anything else (a JSON parser's partial object) pretty-printed as it grows.
 */
export function NodeValueView({ value }: { value: unknown }) {
  const messages = messagesOf(value);
  if (messages) {
    return (
      <ol
        aria-label="Formatted messages"
        tabIndex={0}
        className={`nowheel nodrag overflow-auto select-text ${BOX}`}
      >
        {messages.map((m, i) => (
          <li key={i} className="mb-1.5 last:mb-0">
            <span className="mr-1 rounded bg-slate-200 px-1 text-[10px] font-semibold text-slate-700 uppercase dark:bg-slate-800 dark:text-slate-300">
              {roleLabel(m.type)}
            </span>
            <span className="whitespace-pre-wrap text-slate-800 dark:text-slate-200">{clip(m.content)}</span>
          </li>
        ))}
      </ol>
    );
  }
  const docs = documentsOf(value);
  if (docs && docs.length > 0) {
    return (
      <div aria-label="Documents" tabIndex={0} className={`nowheel nodrag overflow-auto select-text ${BOX}`}>
        <p className="mb-1 font-semibold text-slate-600 dark:text-slate-300">
          {docs.length} document{docs.length === 1 ? "" : "s"}
        </p>
        <ol className="space-y-1">
          {docs.map((d, i) => (
            <li key={i} className="border-l-2 border-slate-300 pl-1.5 dark:border-slate-600">
              <span className="whitespace-pre-wrap text-slate-800 dark:text-slate-200">
                {clip(d.pageContent)}
              </span>
              {Object.keys(d.metadata ?? {}).length > 0 && (
                <code className="block truncate text-[10px] text-slate-500 dark:text-slate-400">
                  {JSON.stringify(d.metadata)}
                </code>
              )}
            </li>
          ))}
        </ol>
      </div>
    );
  }
  return <JsonValue value={value} />;
}

function JsonValue({ value }: { value: unknown }) {
  // Only the tail is drawn: a big value still costs one stringify per frame, not a 1 MB render.
  const tail = useMemo(() => textTail(formatValue(value), []), [value]);
  return (
    <BlockText tail={tail} label="Live output" className={`${BOX} text-slate-800 dark:text-slate-200`} />
  );
}

function clip(text: string): string {
  return text.length > CLIP_CHARS
    ? `${text.slice(0, CLIP_CHARS)}… (${formatCount(text.length)} characters)`
    : text;
}
