/**
 * The event stream of `streamEvents`: one typed union consumed by the timeline, the node views
 * and the CLI. Names and payloads follow LangChain's schema (docs/core.md#events).
 */

/** Every run type, in LangChain's naming. */
export const RUN_TYPES = ["chain", "prompt", "chat_model", "parser", "retriever", "tool"] as const;
export type RunType = (typeof RUN_TYPES)[number];
export type EventPhase = "start" | "stream" | "end" | "error";
export type EventName = `on_${RunType}_${EventPhase}`;
export type EventsVersion = "v1" | "v2";

export interface SerializedError {
  name: string;
  message: string;
}

interface EventBase {
  name: string;
  run_id: string;
  /** v2 only: the ids of the run's ancestors, root first, immediate parent last. */
  parent_ids?: string[];
  tags: string[];
  metadata: Record<string, unknown>;
}

export type StartEvent = EventBase & {
  event: `on_${RunType}_start`;
  /** `input` is absent for runs that consume a stream: their input is only known at the end. */
  data: { input?: unknown };
};
export type StreamChunkEvent = EventBase & { event: `on_${RunType}_stream`; data: { chunk: unknown } };
export type EndEvent = EventBase & { event: `on_${RunType}_end`; data: { output: unknown; input?: unknown } };
export type ErrorEvent = EventBase & {
  event: `on_${RunType}_error`;
  data: { error: SerializedError; input?: unknown };
};

export type StreamEvent = StartEvent | StreamChunkEvent | EndEvent | ErrorEvent;

export interface EventFilters {
  includeNames?: string[];
  includeTypes?: string[];
  includeTags?: string[];
  excludeNames?: string[];
  excludeTypes?: string[];
  excludeTags?: string[];
}

export interface StreamEventsOptions extends EventFilters {
  version: EventsVersion;
  signal?: AbortSignal;
}

const namesOf = (type: RunType) =>
  ({
    start: `on_${type}_start`,
    stream: `on_${type}_stream`,
    end: `on_${type}_end`,
    error: `on_${type}_error`,
  }) as const;

/** Every event name, each string made once: events carry these, so no event builds its name. */
const EVENT_NAMES = Object.fromEntries(RUN_TYPES.map((type) => [type, namesOf(type)])) as Readonly<
  Record<RunType, Readonly<Record<EventPhase, EventName>>>
>;

const PARSED_NAMES = new Map<string, readonly [RunType, EventPhase]>();
for (const [type, byPhase] of Object.entries(EVENT_NAMES))
  for (const [phase, name] of Object.entries(byPhase))
    PARSED_NAMES.set(name, [type as RunType, phase as EventPhase]);

/** The name of a run type's event, e.g. ("chat_model", "stream") → `on_chat_model_stream`. */
export function eventName(type: RunType, phase: EventPhase): EventName {
  return EVENT_NAMES[type][phase];
}

/**
 * The run type and phase of an event name, e.g. `on_chat_model_stream` → ["chat_model", "stream"].
 * A lookup: every event of a fast run asks (two slices per event were 1 % of a run's profile with
 * eight models streaming), and an event's name is one of the strings above, whose hash is kept.
 */
export function parseEventName(name: EventName): readonly [RunType, EventPhase] {
  const parsed = PARSED_NAMES.get(name);
  if (parsed) return parsed;
  const cut = name.lastIndexOf("_");
  return [name.slice(3, cut) as RunType, name.slice(cut + 1) as EventPhase];
}

/** LangChain's filter rule: includes are OR'd together, excludes always win. */
export function makeEventFilter(f: EventFilters): (name: string, type: RunType, tags: string[]) => boolean {
  const inNames = f.includeNames ?? [];
  const inTypes = f.includeTypes ?? [];
  const inTags = f.includeTags ?? [];
  const exNames = f.excludeNames ?? [];
  const exTypes = f.excludeTypes ?? [];
  const exTags = f.excludeTags ?? [];
  const noIncludes = inNames.length === 0 && inTypes.length === 0 && inTags.length === 0;
  const noExcludes = exNames.length === 0 && exTypes.length === 0 && exTags.length === 0;
  if (noIncludes && noExcludes) return () => true;
  return (name, type, tags) => {
    const included =
      noIncludes || inNames.includes(name) || inTypes.includes(type) || tags.some((t) => inTags.includes(t));
    if (!included) return false;
    return !exNames.includes(name) && !exTypes.includes(type) && !tags.some((t) => exTags.includes(t));
  };
}

/**
 * Whether an error, thrown or as an error event carries it, means the run was stopped (aborted)
 * rather than that it failed: aborts are named "AbortError", like the platform's own.
 */
export function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: "Error", message: String(err) };
}
