import { type Aggregator, concatAggregator, gather } from "./aggregate.ts";
import {
  INPUT_AGGREGATOR,
  OWN_TAG,
  type RunnableConfig,
  TRACE,
  childConfig,
  dedupe,
  throwIfAborted,
} from "./config.ts";
import type { RunType, StreamEvent, StreamEventsOptions, EventFilters } from "./events.ts";
import { makeEventFilter } from "./events.ts";
import { AsyncQueue, deferStream, gatherThen, mapStream, single } from "./stream.ts";
import { NO_INPUT, type RunHandle, Tracer } from "./tracer.ts";

/** What an implementation gets besides its input: the config for inner calls, and its run if traced. */
export interface RunContext<I = unknown> {
  /** Pass this to inner `invoke`/`stream` calls so their runs nest under this one. */
  config: RunnableConfig;
  /** How this call's input chunks add up. */
  inputAggregator: Aggregator<I>;
  /** Present only while events are streamed. */
  run: RunHandle | undefined;
}

export interface BatchOptions {
  maxConcurrency?: number;
  returnExceptions?: boolean;
}

/** Anything `pipe` and `RunnableSequence.from` accept: runnables, functions and plain objects. */
export type RunnableLike<I = unknown, O = unknown> =
  | Runnable<I, O>
  | ((input: I, config: RunnableConfig) => O | Promise<O>)
  | ((input: AsyncIterable<I>, config: RunnableConfig) => AsyncGenerator<O>)
  | { [key: string]: RunnableLike<I, unknown> };

/** What a runnable, a function or a map of them outputs, as `pipe` and `RunnableSequence` see it. */
export type RunnableOutput<R> = R extends { invoke(input: never, config?: never): Promise<infer N> }
  ? N
  : R extends (input: never, config: never) => AsyncGenerator<infer N>
    ? N
    : R extends (input: never, config: never) => infer N
      ? Awaited<N> extends { invoke(input: never, config?: never): Promise<infer M> }
        ? M
        : Awaited<N>
      : R extends Record<string, unknown>
        ? { [K in keyof R]: RunnableOutput<R[K]> }
        : unknown;

/** Late-bound constructors, set by the composition modules (avoids an import cycle). */
export const compose: {
  sequence?: (steps: RunnableLike[]) => Runnable;
  coerce?: (thing: RunnableLike) => Runnable;
  binding?: (bound: Runnable, config: RunnableConfig) => Runnable;
} = {};

const FILTER_KEYS = [
  "includeNames",
  "includeTypes",
  "includeTags",
  "excludeNames",
  "excludeTypes",
  "excludeTags",
];

/**
 * The unit of composition, with LangChain's call shapes. Subclasses implement `_invoke` and, to
 * stream, `_streamInvoke` (gathers its input, streams its output: chat models) or `_transform`
 * (consumes an input stream: parsers, generator lambdas, compositions; set `consumesStream`).
 *
 * @example
 * const chain = prompt.pipe(model).pipe(new StrOutputParser());
 * for await (const chunk of await chain.stream({ topic: "parrots" })) console.log(chunk);
 */
export abstract class Runnable<I = unknown, O = unknown> {
  /** The event family: `on_<runType>_*`. */
  readonly runType: RunType = "chain";
  /** True when the runnable transforms an input stream instead of waiting for its whole input. */
  protected readonly consumesStream: boolean = false;
  /** The run name used in events unless a config renames it. */
  name: string = this.constructor.name;

  getName(): string {
    return this.name;
  }

  protected abstract _invoke(input: I, ctx: RunContext<I>): Promise<O>;

  /** Streams the output for a whole input; by default, one chunk. */
  protected _streamInvoke(input: I, ctx: RunContext<I>): AsyncIterable<O> {
    return deferStream(async () => single(await this._invoke(input, ctx)));
  }

  /**
   * Streams the output for a whole input given up front (`stream(input)`, not a stream from an
   * upstream step). Stream transformers transform a one-chunk stream; parsers override this to
   * invoke, as LangChain's `stream()` of a parser does (a strict parse, one chunk).
   */
  protected _streamWhole(input: I, ctx: RunContext<I>): AsyncIterable<O> {
    return this.consumesStream ? this._transform(single(input), ctx) : this._streamInvoke(input, ctx);
  }

  /** Transforms an input stream (only called when `consumesStream` is true). */
  protected _transform(input: AsyncIterable<I>, ctx: RunContext<I>): AsyncIterable<O> {
    return this._gatherThenStream(input, ctx);
  }

  /** How this runnable's output chunks add up, given how its input chunks do. */
  outputAggregator(_input: Aggregator<unknown>): Aggregator<O> {
    return concatAggregator as Aggregator<O>;
  }

  /** The input as events show it (chat models wrap it as `{ messages: [[...]] }`). */
  protected eventInput(input: I): unknown {
    return input;
  }

  /** Extra metadata this runnable's runs carry (chat models add `ls_*` keys). */
  protected runMetadata(): Record<string, unknown> | undefined {
    return undefined;
  }

  async invoke(input: I, config: RunnableConfig = {}): Promise<O> {
    throwIfAborted(config.signal);
    const trace = config[TRACE];
    if (!trace)
      return this._invoke(input, {
        config: childConfig(config),
        inputAggregator: concatAggregator as Aggregator<I>,
        run: undefined,
      });
    const run = this.startRun(config);
    const ctx: RunContext<I> = {
      config: childConfig(config, undefined, run),
      inputAggregator: concatAggregator as Aggregator<I>,
      run,
    };
    const shown = this.eventInput(input);
    run.start({ input: shown });
    try {
      const output = await this._invoke(input, ctx);
      run.end(output, shown, true);
      return output;
    } catch (err) {
      run.fail(err, shown);
      throw err;
    }
  }

  /**
   * Streams the output. As in LangChain, awaiting the call already pulls the first chunk, so an
   * error before any output rejects here.
   */
  async stream(input: I, config: RunnableConfig = {}): Promise<AsyncIterableIterator<O>> {
    throwIfAborted(config.signal);
    const it = this.streamRun(single(input), config, { value: input })[Symbol.asyncIterator]();
    const first = await it.next();
    return prepend(first, it);
  }

  /** Transforms an input stream into an output stream. */
  transform(input: AsyncIterable<I>, config: RunnableConfig = {}): AsyncIterable<O> {
    return this.streamRun(input, config, undefined);
  }

  /**
   * Invokes on every input, at most `maxConcurrency` at once (from the config, then the options).
   * With `returnExceptions`, a failed input's slot holds its Error.
   */
  async batch(inputs: I[], config: RunnableConfig = {}, options: BatchOptions = {}): Promise<(O | Error)[]> {
    const limit = config.maxConcurrency ?? options.maxConcurrency ?? inputs.length;
    const results: (O | Error)[] = new Array<O | Error>(inputs.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < inputs.length) {
        const i = next++;
        try {
          results[i] = await this.invoke(inputs[i] as I, config);
        } catch (err) {
          if (!options.returnExceptions) throw err;
          results[i] = err instanceof Error ? err : new Error(String(err));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker));
    return results;
  }

  /**
   * Streams every run's events (LangChain's schema, v1 or v2). Filters may be given in the options
   * or, as in LangChain.js, in a third argument.
   */
  streamEvents(
    input: I,
    options: StreamEventsOptions & RunnableConfig,
    filters: EventFilters = {},
  ): AsyncIterableIterator<StreamEvent> {
    const controller = new AbortController();
    const queue = new AsyncQueue<StreamEvent>(() => controller.abort());
    const merged = { ...options, ...filters };
    const tracer = new Tracer(
      options.version,
      makeEventFilter(merged),
      (e) => queue.push(e),
      () => crypto.randomUUID(),
    );
    const config: RunnableConfig = {};
    for (const [k, v] of Object.entries(options)) {
      if (k !== "version" && !FILTER_KEYS.includes(k)) (config as Record<string, unknown>)[k] = v;
    }
    config.signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    config[TRACE] = { tracer, parent: undefined };
    const drive = async (): Promise<void> => {
      for await (const _ of this.streamRun(single(input), config, { value: input }));
    };
    drive().then(
      () => queue.close(),
      (err: unknown) => queue.fail(err),
    );
    return queue;
  }

  // The output type comes from `invoke` alone: inferring it from the whole Runnable would also read
  // `batch`'s `O | Error` and type `x.pipe(new JsonOutputParser())` as a Runnable of Error.
  pipe<R extends RunnableLike<O, unknown>>(next: R): Runnable<I, RunnableOutput<R>> {
    return compose.sequence!([this as Runnable, next as RunnableLike]) as Runnable<I, RunnableOutput<R>>;
  }

  withConfig(config: RunnableConfig): Runnable<I, O> {
    return compose.binding!(this, config) as Runnable<I, O>;
  }

  /** The stream of one call, traced when the config carries a tracer. Compositions call this. */
  streamRun(
    input: AsyncIterable<I>,
    config: RunnableConfig,
    known: { value: I } | undefined,
  ): AsyncIterable<O> {
    if (!config[TRACE]) {
      const ctx: RunContext<I> = {
        config: childConfig(config),
        inputAggregator: (config[INPUT_AGGREGATOR] ?? concatAggregator) as Aggregator<I>,
        run: undefined,
      };
      if (known) return this._streamWhole(known.value, ctx);
      return this.consumesStream ? this._transform(input, ctx) : this._gatherThenStream(input, ctx);
    }
    return this.tracedStream(input, config, known);
  }

  private _gatherThenStream(input: AsyncIterable<I>, ctx: RunContext<I>): AsyncIterable<O> {
    return gatherThen(
      input,
      (all) => gather(all, ctx.inputAggregator),
      (value) => this._streamInvoke(value, ctx),
    );
  }

  protected startRun(config: RunnableConfig): RunHandle {
    const trace = config[TRACE]!;
    const own = config[OWN_TAG];
    const tags = config.tags ?? [];
    const extra = this.runMetadata();
    const info = {
      name: config.runName ?? this.getName(),
      type: this.runType,
      tags: own === undefined ? tags : dedupe([own, ...tags]),
      metadata: extra ? { ...config.metadata, ...extra } : (config.metadata ?? {}),
      ...(config.runId !== undefined && !trace.parent ? { runId: config.runId } : {}),
    };
    return trace.tracer.startRun(info, trace.parent);
  }

  private tracedStream(
    input: AsyncIterable<I>,
    config: RunnableConfig,
    known: { value: I } | undefined,
  ): AsyncIterable<O> {
    const inputAggregator = (config[INPUT_AGGREGATOR] ?? concatAggregator) as Aggregator<I>;
    const outputAggregator = this.outputAggregator(inputAggregator);
    if (known || !this.consumesStream) {
      // Runs that wait for their whole input start once they have it, with it in the start event.
      return gatherThen(
        input,
        (all) => (known ? Promise.resolve(known.value) : gather(all, inputAggregator)),
        (value) => {
          const run = this.startRun(config);
          const shown = this.eventInput(value);
          run.start({ input: shown });
          const ctx: RunContext<I> = { config: childConfig(config, undefined, run), inputAggregator, run };
          const source = known ? this._streamWhole(value, ctx) : this._streamInvoke(value, ctx);
          return this.relay(source, run, outputAggregator, config.signal, () => shown, true);
        },
      );
    }
    // Stream consumers start when their first input chunk arrives and learn their input at the end.
    const run = this.startRun(config);
    let started = false;
    let acc: I | undefined;
    const tapped = mapStream(input, (chunk) => {
      if (!started) {
        started = true;
        run.start({});
        acc = chunk;
      } else acc = inputAggregator(acc, chunk);
      return chunk;
    });
    const ctx: RunContext<I> = { config: childConfig(config, undefined, run), inputAggregator, run };
    const shownInput = () => (acc === undefined ? NO_INPUT : this.eventInput(acc));
    return this.relay(
      this._transform(tapped, ctx),
      run,
      outputAggregator,
      config.signal,
      () => {
        if (!started) {
          started = true;
          run.start({});
        }
        return shownInput();
      },
      false,
      () => started,
    );
  }

  /** Passes chunks on, reporting each as a stream event and adding them up for the end event. */
  private relay(
    source: AsyncIterable<O>,
    run: RunHandle,
    aggregate: Aggregator<O>,
    signal: AbortSignal | undefined,
    endInput: () => unknown,
    knownAtStart: boolean,
    started: () => boolean = () => true,
  ): AsyncIterable<O> {
    let output: O | undefined;
    let seen = false;
    return mapStream(
      source,
      (chunk) => {
        throwIfAborted(signal);
        run.stream(chunk);
        output = seen ? aggregate(output, chunk) : chunk;
        seen = true;
        return chunk;
      },
      () => run.end(output, endInput(), knownAtStart),
      (err) => {
        // A run that never started (its input failed first) reports nothing.
        if (started()) run.fail(err, endInput());
      },
    );
  }
}

function prepend<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncIterableIterator<T> {
  let pending: IteratorResult<T> | undefined = first;
  return {
    next() {
      if (pending) {
        const r = pending;
        pending = undefined;
        return Promise.resolve(r);
      }
      return rest.next();
    },
    return(value?: unknown) {
      pending = undefined;
      return rest.return ? rest.return(value) : Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
