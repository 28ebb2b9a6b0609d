import type { Aggregator } from "../aggregate.ts";
import { type RunContext, Runnable } from "../runnable.ts";

/** Passes its input on unchanged, streaming chunk by chunk. */
export class RunnablePassthrough<T = unknown> extends Runnable<T, T> {
  override name = "RunnablePassthrough";
  protected override readonly consumesStream = true;

  protected _invoke(input: T): Promise<T> {
    return Promise.resolve(input);
  }

  protected override _transform(input: AsyncIterable<T>, _ctx: RunContext<T>): AsyncIterable<T> {
    return input;
  }

  override outputAggregator(input: Aggregator<unknown>): Aggregator<T> {
    return input as Aggregator<T>;
  }
}
