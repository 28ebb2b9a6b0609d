import type { RunHandle, Tracer } from "./tracer.ts";
import type { Aggregator } from "./aggregate.ts";

/**
 * What a call may carry, as in LangChain: tags and metadata are inherited by every inner run,
 * `signal` aborts the whole run, `runName` renames the run it is given to.
 */
export interface RunnableConfig {
  tags?: string[];
  metadata?: Record<string, unknown>;
  runName?: string;
  signal?: AbortSignal;
  maxConcurrency?: number;
  runId?: string;
  /**
   * Set by Sluice when a run is traced (streamEvents): passing this config to inner calls nests
   * their runs under the caller's. Opaque to users.
   */
  [TRACE]?: TraceContext;
  /** How the chunks of this call's input stream add up (set by compositions). */
  [INPUT_AGGREGATOR]?: Aggregator<unknown>;
  /** A tag this run gets but its children do not inherit (`seq:step:N`, `map:key:K`). */
  [OWN_TAG]?: string;
}

export const TRACE = Symbol("sluice.trace");
export const INPUT_AGGREGATOR = Symbol("sluice.inputAggregator");
export const OWN_TAG = Symbol("sluice.ownTag");

export interface TraceContext {
  tracer: Tracer;
  parent: RunHandle | undefined;
}

/** The config a child run receives: inheritable parts only, plus its own step tag. */
export function childConfig(config: RunnableConfig, ownTag?: string, parent?: RunHandle): RunnableConfig {
  const child: RunnableConfig = {};
  if (config.tags) child.tags = config.tags;
  if (config.metadata) child.metadata = config.metadata;
  if (config.signal) child.signal = config.signal;
  if (config.maxConcurrency !== undefined) child.maxConcurrency = config.maxConcurrency;
  const trace = config[TRACE];
  if (trace) child[TRACE] = parent ? { tracer: trace.tracer, parent } : trace;
  if (ownTag !== undefined) child[OWN_TAG] = ownTag;
  return child;
}

/**
 * Merges a bound config (from `withConfig`) under a call's config, as LangChain does: the bound tags
 * come first, then the call's; the call's metadata keys, `runName` and `maxConcurrency` win over the
 * bound ones; both signals abort.
 */
export function mergeConfigs(bound: RunnableConfig, call: RunnableConfig): RunnableConfig {
  const merged: RunnableConfig = { ...call };
  if (bound.tags) merged.tags = dedupe([...bound.tags, ...(call.tags ?? [])]);
  if (bound.metadata) merged.metadata = { ...bound.metadata, ...call.metadata };
  if (bound.runName !== undefined && call.runName === undefined) merged.runName = bound.runName;
  if (bound.maxConcurrency !== undefined && call.maxConcurrency === undefined) {
    merged.maxConcurrency = bound.maxConcurrency;
  }
  if (bound.signal) merged.signal = call.signal ? AbortSignal.any([call.signal, bound.signal]) : bound.signal;
  return merged;
}

export function dedupe(tags: string[]): string[] {
  return tags.length < 2 ? tags : [...new Set(tags)];
}

/** The error every aborted run ends with, shaped like the platform's own. */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  const err = new Error("The run was aborted.");
  err.name = "AbortError";
  return err;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}
