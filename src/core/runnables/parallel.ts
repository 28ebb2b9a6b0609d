import { type Aggregator, keyedAggregator } from "../aggregate.ts";
import { INPUT_AGGREGATOR, childConfig } from "../config.ts";
import { type RunContext, Runnable, type RunnableLike, compose } from "../runnable.ts";
import { tee } from "../stream.ts";

type Output = Record<string, unknown>;

/**
 * Runs several runnables on the same input at once; the output is an object keyed like the input
 * map. Streaming yields one single-key object per branch chunk, in arrival order.
 *
 * @example
 * RunnableParallel.from({ context: retriever, question: new RunnablePassthrough() })
 */
export class RunnableParallel<I = unknown> extends Runnable<I, Output> {
  protected override readonly consumesStream = true;
  readonly steps: Record<string, Runnable<I>>;

  constructor(steps: Record<string, Runnable<I>>) {
    super();
    const keys = Object.keys(steps);
    if (keys.length === 0) throw new Error("A RunnableParallel needs at least one branch.");
    this.steps = steps;
    this.name = `RunnableParallel<${keys.join(",")}>`;
  }

  static from<I = unknown>(steps: Record<string, RunnableLike<I>>): RunnableParallel<I> {
    const coerced: Record<string, Runnable<I>> = {};
    for (const [key, step] of Object.entries(steps)) {
      coerced[key] = compose.coerce!(step as RunnableLike);
    }
    return new RunnableParallel(coerced);
  }

  protected async _invoke(input: I, ctx: RunContext<I>): Promise<Output> {
    const out: Output = {};
    await Promise.all(
      Object.entries(this.steps).map(async ([key, step]) => {
        out[key] = await step.invoke(input, childConfig(ctx.config, `map:key:${key}`));
      }),
    );
    return out;
  }

  protected override _transform(input: AsyncIterable<I>, ctx: RunContext<I>): AsyncIterable<Output> {
    const entries = Object.entries(this.steps);
    const inputs = tee(input, entries.length);
    const streams = entries.map(([key, step], i) => {
      const config = childConfig(ctx.config, `map:key:${key}`);
      config[INPUT_AGGREGATOR] = ctx.inputAggregator;
      return { key, it: step.streamRun(inputs[i]!, config, undefined)[Symbol.asyncIterator]() };
    });
    return mergeKeyed(streams);
  }

  override outputAggregator(input: Aggregator<unknown>): Aggregator<Output> {
    const perKey: Record<string, Aggregator<unknown>> = {};
    for (const [key, step] of Object.entries(this.steps)) perKey[key] = step.outputAggregator(input);
    return keyedAggregator(perKey) as Aggregator<Output>;
  }
}

/** Interleaves branch streams in arrival order, each chunk wrapped as `{ [key]: chunk }`. */
async function* mergeKeyed(streams: { key: string; it: AsyncIterator<unknown> }[]): AsyncGenerator<Output> {
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<unknown> }>>();
  const pull = (i: number) =>
    pending.set(
      i,
      streams[i]!.it.next().then((r) => ({ i, r })),
    );
  streams.forEach((_, i) => pull(i));
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pull(i);
      yield { [streams[i]!.key]: r.value };
    }
  } finally {
    // A failed or abandoned map stops its other branches; what their pending reads still bring
    // (a value, or the error of a stopped branch) is dropped.
    for (const [i, read] of pending) {
      read.catch(() => undefined);
      void streams[i]!.it.return?.().catch(() => undefined);
    }
  }
}
