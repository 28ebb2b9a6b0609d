import type { EventsVersion, RunType, StreamEvent } from "./events.ts";
import { eventName, serializeError } from "./events.ts";

export interface RunInfo {
  name: string;
  type: RunType;
  tags: string[];
  metadata: Record<string, unknown>;
  runId?: string;
}

/**
 * One traced run. Runs exist only while events are being streamed: a plain `invoke` or `stream`
 * creates none, so the hot path pays nothing for tracing.
 */
export class RunHandle {
  readonly parentIds: string[];
  private errored = false;

  constructor(
    readonly tracer: Tracer,
    readonly id: string,
    readonly info: RunInfo,
    parent: RunHandle | undefined,
    readonly visible: boolean,
  ) {
    this.parentIds = parent ? [...parent.parentIds, parent.id] : [];
  }

  get isRoot(): boolean {
    return this.parentIds.length === 0;
  }

  start(data: { input?: unknown }): void {
    this.tracer.emit(this, "start", data);
  }

  stream(chunk: unknown): void {
    // Prompts, retrievers and tools report start and end only, as in LangChain.
    if (this.visible && STREAMING_TYPES.has(this.info.type)) this.tracer.emit(this, "stream", { chunk });
  }

  end(output: unknown, input: unknown, inputKnownAtStart: boolean): void {
    const data: { output: unknown; input?: unknown } = { output };
    // v1 reports the input at the end only where it was known at the start; the root end carries
    // only the output in both versions, as LangChain does.
    const withInput = !this.isRoot && (this.tracer.version === "v2" || inputKnownAtStart);
    if (withInput && input !== NO_INPUT) data.input = input;
    this.tracer.emit(this, "end", data);
  }

  /**
   * Reports a failure. Returns false when this run is a bystander: the error came from a run that is
   * neither this run nor one of its descendants (a downstream step whose input stream broke).
   */
  fail(err: unknown, input: unknown): void {
    if (this.errored) return;
    const origin = this.tracer.origins.get(err as object);
    if (typeof err === "object" && err !== null && origin === undefined) this.tracer.origins.set(err, this);
    else if (origin && origin !== this && !origin.parentIds.includes(this.id)) return;
    this.errored = true;
    const data: { error: ReturnType<typeof serializeError>; input?: unknown } = {
      error: serializeError(err),
    };
    if (input !== NO_INPUT) data.input = input;
    this.tracer.emit(this, "error", data);
  }
}

const STREAMING_TYPES = new Set<RunType>(["chain", "chat_model", "parser"]);

/** Marks an input that was never gathered (a run that failed before its input completed). */
export const NO_INPUT: unique symbol = Symbol("sluice.noInput");

/** Receives events as runs produce them and hands them to the consumer of `streamEvents`. */
export class Tracer {
  /** Which run first reported each error, so ancestors report it and bystanders do not. */
  readonly origins = new WeakMap<object, RunHandle>();
  private nextId = 0;
  private readonly idPrefix: string;

  constructor(
    readonly version: EventsVersion,
    private readonly accept: (name: string, type: RunType, tags: string[]) => boolean,
    private readonly push: (event: StreamEvent) => void,
    newId: () => string,
  ) {
    // One random prefix per traced call and a counter per run: unique, and cheap per run.
    this.idPrefix = newId().slice(0, 24);
  }

  startRun(info: RunInfo, parent: RunHandle | undefined): RunHandle {
    const id = info.runId ?? `${this.idPrefix}${(this.nextId++).toString(16).padStart(12, "0")}`;
    return new RunHandle(this, id, info, parent, this.accept(info.name, info.type, info.tags));
  }

  emit(run: RunHandle, phase: "start" | "stream" | "end" | "error", data: StreamEvent["data"]): void {
    if (!run.visible) return;
    const { info } = run;
    const event = {
      event: eventName(info.type, phase),
      name: info.name,
      run_id: run.id,
      tags: info.tags,
      metadata: info.metadata,
      data,
    } as StreamEvent;
    if (this.version === "v2") event.parent_ids = run.parentIds;
    this.push(event);
  }
}
