/**
 * Test-only: runs the same scenario code against Sluice and against @langchain/core, and turns
 * what each produced into plain data that can be compared (docs: shared/SEMANTICS.md).
 *
 * Nothing here imports @langchain: the LangChain side of `Lib` is built in a `*.test.ts` file.
 * Scenarios take a `Lib` and use only LangChain's names and call shapes, which Sluice shares.
 */

/** The slice of the Runnable interface the scenarios use, typed loosely so both libraries fit. */
export interface AnyRunnable {
  invoke(input: unknown, config?: Record<string, unknown>): Promise<unknown>;
  stream(input: unknown, config?: Record<string, unknown>): Promise<AsyncIterable<unknown>>;
  streamEvents(
    input: unknown,
    options: { version: "v1" | "v2" } & Record<string, unknown>,
    filters?: Record<string, unknown>,
  ): AsyncIterable<RawEvent>;
  batch(
    inputs: unknown[],
    config?: Record<string, unknown>,
    options?: { maxConcurrency?: number; returnExceptions?: boolean },
  ): Promise<unknown[]>;
  pipe(next: unknown): AnyRunnable;
  withConfig(config: Record<string, unknown>): AnyRunnable;
  getName(): string;
}

export interface RawEvent {
  event: string;
  name: string;
  run_id: string;
  parent_ids?: string[];
  tags?: string[];
  metadata?: Record<string, unknown>;
  data: Record<string, unknown>;
}

export interface ChunkFields {
  content: string;
  id?: string;
  usage_metadata?: { input_tokens: number; output_tokens: number; total_tokens: number };
  response_metadata?: Record<string, unknown>;
  tool_call_chunks?: { index?: number; id?: string; name?: string; args?: string }[];
}

export interface MessageChunkLike {
  concat(other: MessageChunkLike): MessageChunkLike;
}

export interface DocumentFields {
  pageContent: string;
  metadata: Record<string, unknown>;
}

/** A library as the scenarios see it: LangChain's constructors, plus fakes built the same way. */
export interface Lib {
  readonly name: "langchain" | "sluice";
  ChatPromptTemplate: {
    fromTemplate(template: string): AnyRunnable;
    fromMessages(messages: [string, string][]): AnyRunnable;
  };
  StrOutputParser: new () => AnyRunnable;
  JsonOutputParser: new () => AnyRunnable;
  RunnableLambda: { from(fn: (input: never, config?: never) => unknown): AnyRunnable };
  RunnableParallel: { from(steps: Record<string, unknown>): AnyRunnable };
  RunnablePassthrough: new () => AnyRunnable;
  RunnableSequence: { from(steps: unknown[]): AnyRunnable };
  AIMessageChunk: new (fields: ChunkFields) => MessageChunkLike;
  /** A chat model that streams exactly these chunks on every call, with no timers. */
  model(chunks: string[]): AnyRunnable;
  /** A chat model that streams `chunks` but throws `new Error(message)` after `failAfter` of them. */
  failingModel(chunks: string[], failAfter: number, message: string): AnyRunnable;
  /** A retriever that returns these documents for any query. */
  retriever(docs: DocumentFields[]): AnyRunnable;
  /** Class names the library gives its fakes and maps, mapped to a shared name. */
  canonicalName(name: string): string;
}

/* ---------------------------------------------------------------------------------------------- */
/* Plain data                                                                                      */
/* ---------------------------------------------------------------------------------------------- */

type Plain = unknown;

interface MessageShape {
  content: unknown;
  id?: unknown;
  usage_metadata?: unknown;
  response_metadata?: unknown;
  additional_kwargs?: unknown;
  tool_calls?: Record<string, unknown>[];
  type?: unknown;
  _getType?: () => string;
  getType?: () => string;
}

function isMessage(v: object): v is MessageShape {
  const m = v as MessageShape;
  return "content" in v && (typeof m._getType === "function" || typeof m.getType === "function");
}

function isPromptValue(v: object): v is { toChatMessages(): unknown[] } {
  return typeof (v as { toChatMessages?: unknown }).toChatMessages === "function";
}

function nonEmpty(v: unknown): boolean {
  return typeof v === "object" && v !== null && Object.keys(v).length > 0;
}

export interface PlainOptions {
  /** Rewrites ids of the form `run-<run id>` (a chat model's chunk ids). */
  messageId?: (id: string) => string | undefined;
  /** `response_metadata` keys of messages to leave out. */
  dropMetadata?: string[];
}

/**
 * Plain data for comparison: messages become `{type, content, id?, usage_metadata?, ...}` with only
 * non-empty metadata, prompt values `{messages}`, errors `{name, message}`, class instances (a
 * LangChain `Document`) their own defined fields.
 */
export function toPlain(value: unknown, options: PlainOptions = {}): Plain {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => toPlain(v, options));
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (isPromptValue(value)) return { messages: toPlain(value.toChatMessages(), options) };
  if (isMessage(value)) {
    const type = value._getType?.() ?? value.getType?.();
    const out: Record<string, unknown> = { type, content: toPlain(value.content, options) };
    if (typeof value.id === "string") {
      const id = options.messageId ? options.messageId(value.id) : value.id;
      if (id !== undefined) out.id = id;
    }
    if (value.usage_metadata) out.usage_metadata = plainUsage(value.usage_metadata);
    const meta = { ...(value.response_metadata as Record<string, unknown> | undefined) };
    for (const k of options.dropMetadata ?? []) delete meta[k];
    if (nonEmpty(meta)) out.response_metadata = toPlain(meta);
    if (nonEmpty(value.additional_kwargs)) out.additional_kwargs = toPlain(value.additional_kwargs);
    // LangChain marks each tool call `type: "tool_call"`; Sluice's have no type (reported).
    if (Array.isArray(value.tool_calls) && value.tool_calls.length > 0)
      out.tool_calls = value.tool_calls.map((c: Record<string, unknown>) => {
        const { type: _type, ...rest } = c;
        return toPlain(rest, options);
      });
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlain(v, options);
  return out;
}

/** LangChain adds empty `input_token_details`/`output_token_details` when it sums usage. */
function plainUsage(usage: unknown): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(usage as Record<string, unknown>)) {
    if (k.endsWith("_token_details") && !nonEmpty(v)) continue;
    out[k] = v;
  }
  return out;
}

/* ---------------------------------------------------------------------------------------------- */
/* Events                                                                                          */
/* ---------------------------------------------------------------------------------------------- */

export interface RunSummary {
  name: string;
  type: string;
  tags: string[];
  metadata: Record<string, unknown>;
}

export interface NormalizedEvents {
  /** Every run, by structural key (`name[tags]`, `#n` for repeats), with what identifies it. */
  runs: Record<string, RunSummary>;
  /** Each run's own events in order: `start`, `stream`..., `end` (and `error` if kept). */
  sequences: Record<string, { phase: string; data: Plain }[]>;
}

/**
 * A divergence from LangChain that is observed but not (yet) a SEMANTICS.md row: what to leave out
 * of one run's events before comparing. Each use names the divergence; a stale entry (no such run)
 * throws, so it cannot hide anything silently.
 */
export interface KnownDivergence {
  run: string;
  drop: ("startInput" | "endInput" | "stream")[];
  why: string;
}

export interface NormalizeOptions {
  canonicalName?: (name: string) => string;
  known?: KnownDivergence[];
  /** Runs whose stream chunks arrive in a race between branches (parallel maps): sorted. */
  unordered?: string[];
  /** Leave out `on_*_error` events (LangChain has none). */
  dropErrors?: boolean;
  /**
   * Leave out `data.input` of the first yielded run's events: LangChain overwrites the first
   * yielded event's input with the root's (a "differ" row of SEMANTICS.md, tested on its own).
   */
  dropFirstRunInput?: boolean;
}

const METADATA_DROPPED = /^(ls_|versions$)/;

/** The phase of an event name: `on_chat_model_stream` → `stream`. */
export function phaseOf(event: string): string {
  return event.slice(event.lastIndexOf("_") + 1);
}

/** The run type of an event name: `on_chat_model_stream` → `chat_model`. */
export function typeOf(event: string): string {
  return event.slice(3, event.lastIndexOf("_"));
}

/**
 * Replaces run ids by structural names and payloads by plain data, and splits the events per run,
 * so two libraries can be compared without their ids or their interleaving across runs.
 */
export function normalizeEvents(events: RawEvent[], options: NormalizeOptions = {}): NormalizedEvents {
  const canonical = options.canonicalName ?? ((n: string) => n);
  const keys = new Map<string, string>();
  const seen = new Map<string, number>();
  const runs: Record<string, RunSummary> = {};
  const sequences: Record<string, { phase: string; data: Plain }[]> = {};
  for (const e of events) {
    if (keys.has(e.run_id)) continue;
    const name = canonical(e.name);
    const base = `${name}[${(e.tags ?? []).join(",")}]`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const key = n === 1 ? base : `${base}#${n}`;
    keys.set(e.run_id, key);
    const metadata: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e.metadata ?? {})) if (!METADATA_DROPPED.test(k)) metadata[k] = v;
    runs[key] = { name, type: typeOf(e.event), tags: e.tags ?? [], metadata };
    sequences[key] = [];
  }
  const messageId = (id: string): string | undefined => {
    const run = id.startsWith("run-") ? keys.get(id.slice(4)) : undefined;
    return run ? `run-<${run}>` : id;
  };
  const firstRun = events[0]?.run_id;
  for (const e of events) {
    const phase = phaseOf(e.event);
    if (options.dropErrors && phase === "error") continue;
    const data = toPlain(e.data, { messageId, dropMetadata: FAKE_METADATA }) as Record<string, unknown>;
    if (options.dropFirstRunInput && e.run_id === firstRun) delete data.input;
    sequences[keys.get(e.run_id)!]!.push({ phase, data });
  }
  for (const { run, drop } of options.known ?? []) {
    const seq = sequences[run];
    if (!seq) throw new Error(`normalizeEvents: no run "${run}" (runs: ${Object.keys(runs).join(", ")})`);
    sequences[run] = seq.filter((e) => !(drop.includes("stream") && e.phase === "stream"));
    for (const e of sequences[run]) {
      const d = e.data as Record<string, unknown>;
      if (
        (e.phase === "start" && drop.includes("startInput")) ||
        (e.phase === "end" && drop.includes("endInput"))
      )
        delete d.input;
    }
  }
  for (const run of options.unordered ?? []) {
    const seq = sequences[run];
    if (!seq) throw new Error(`normalizeEvents: no run "${run}"`);
    const streamed = seq.filter((e) => e.phase === "stream").map((e) => JSON.stringify(e.data));
    streamed.sort();
    let i = 0;
    sequences[run] = seq.map((e) =>
      e.phase === "stream" ? { phase: "stream", data: JSON.parse(streamed[i++]!) as Plain } : e,
    );
  }
  return { runs, sequences };
}

/**
 * Response metadata only the fakes differ in: ScriptedChatModel reports `finish_reason` on its last
 * chunk, as providers do; FakeStreamingChatModel reports none.
 */
const FAKE_METADATA = ["finish_reason"];

/** Collects every event; a thrown error is returned beside them. */
export async function collectEvents(
  events: AsyncIterable<RawEvent>,
): Promise<{ events: RawEvent[]; error: Plain }> {
  const out: RawEvent[] = [];
  try {
    for await (const e of events) out.push(e);
    return { events: out, error: undefined };
  } catch (err) {
    return { events: out, error: toPlain(err) };
  }
}

/** Collects a `stream()` call: its chunks, and the error it threw (from the call or the iterator). */
export async function collectStream(
  stream: () => Promise<AsyncIterable<unknown>>,
  options: PlainOptions = {},
): Promise<{ chunks: Plain[]; error: Plain; failedBeforeFirstChunk: boolean }> {
  const chunks: Plain[] = [];
  let iterable: AsyncIterable<unknown>;
  try {
    iterable = await stream();
  } catch (err) {
    return { chunks, error: toPlain(err), failedBeforeFirstChunk: true };
  }
  try {
    for await (const c of iterable) chunks.push(toPlain(c, options));
    return { chunks, error: undefined, failedBeforeFirstChunk: false };
  } catch (err) {
    return { chunks, error: toPlain(err), failedBeforeFirstChunk: false };
  }
}

/** Invokes, returning the plain output or the plain error. */
export async function collectInvoke(
  run: () => Promise<unknown>,
  options: PlainOptions = {},
): Promise<{ output?: Plain; error?: Plain }> {
  try {
    return { output: toPlain(await run(), options) };
  } catch (err) {
    return { error: toPlain(err) };
  }
}

/** Message chunk ids outside traced runs are random (Sluice) or absent (LangChain): drop them. */
export const dropRunIds: PlainOptions = {
  messageId: (id) => (id.startsWith("run-") ? undefined : id),
  dropMetadata: FAKE_METADATA,
};

export interface Observation {
  invoke: { output?: Plain; error?: Plain };
  stream: { chunks: Plain[]; error: Plain; failedBeforeFirstChunk: boolean };
  events: NormalizedEvents;
  eventsError: Plain;
}

/**
 * Observes one runnable the three ways: `invoke`, `stream` and `streamEvents` v2, each on a fresh
 * build (fakes may keep state between calls).
 */
export async function observe(
  lib: Lib,
  build: () => AnyRunnable,
  input: unknown,
  options: Omit<NormalizeOptions, "canonicalName"> & { filters?: Record<string, unknown> } = {},
): Promise<Observation> {
  const invoke = await collectInvoke(() => build().invoke(input), dropRunIds);
  const stream = await collectStream(() => build().stream(input), dropRunIds);
  const { events, error } = await collectEvents(
    build().streamEvents(input, { version: "v2" }, options.filters ?? {}),
  );
  return {
    invoke,
    stream,
    events: normalizeEvents(events, { ...options, canonicalName: (n) => lib.canonicalName(n) }),
    eventsError: error,
  };
}
