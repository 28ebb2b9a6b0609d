import { type EventPhase, type StreamEvent, isBaseMessage, parseEventName } from "../../../core/index.ts";
import { safeStringify } from "./safe-json.ts";

const PREVIEW_CHARS = 120;

/** Milliseconds since the run's start, as the list shows them. */
export function formatEventTime(t: number): string {
  return `${t < 10 ? t.toFixed(1) : Math.round(t).toString()} ms`;
}

export function phaseOf(event: StreamEvent): EventPhase {
  return parseEventName(event.event)[1];
}

/** Tailwind classes for an event name by phase; errors stand out in red. */
export const PHASE_CLASSES: Record<EventPhase, string> = {
  start: "text-sky-700 dark:text-sky-300",
  stream: "text-slate-500 dark:text-slate-400",
  end: "text-emerald-700 dark:text-emerald-400",
  error: "font-semibold text-red-600 dark:text-red-400",
};

const previews = new WeakMap<StreamEvent, string>();

/**
 * One line saying what an event carries: a chunk's text (quoted, so spaces and newlines show),
 * a start's input, an end's output, an error's message.
 */
export function eventPreview(event: StreamEvent): string {
  let preview = previews.get(event);
  if (preview === undefined) {
    preview = truncate(describe(event));
    previews.set(event, preview);
  }
  return preview;
}

function describe(event: StreamEvent): string {
  const data: Record<string, unknown> = event.data;
  if ("error" in data) {
    const err = data.error as { name?: string; message?: string };
    return `${err.name ?? "Error"}: ${err.message ?? ""}`;
  }
  if ("chunk" in data) return valueText(data.chunk);
  if ("output" in data) return valueText(data.output);
  if ("input" in data) return valueText(data.input);
  return "";
}

function valueText(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (isBaseMessage(value)) return `${value.type}: ${JSON.stringify(value.content)}`;
  // Cached per event and built only for rows on screen, so a long value's full JSON is affordable.
  return safeStringify(value);
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1)}…` : line;
}
