import { type Aggregator, type RunContext, Runnable, type RunnableConfig, tee } from "../core/index.ts";

/**
 * A node that feeds several others: within one run of the chain it runs once, and each consumer
 * reads its own copy of the output stream. Has no run of its own (like a binding), so events show
 * the node's run once.
 */
export class SharedRunnable<I = unknown, O = unknown> extends Runnable<I, O> {
  private branches: AsyncIterable<O>[] | undefined;
  private handed = 0;
  private invoked: Promise<O> | undefined;

  constructor(
    readonly inner: Runnable<I, O>,
    readonly consumers: number,
  ) {
    super();
    this.name = inner.getName();
  }

  protected _invoke(input: I, ctx: RunContext<I>): Promise<O> {
    return this.invoke(input, ctx.config);
  }

  override invoke(input: I, config: RunnableConfig = {}): Promise<O> {
    return (this.invoked ??= this.inner.invoke(input, config));
  }

  override streamRun(
    input: AsyncIterable<I>,
    config: RunnableConfig,
    known: { value: I } | undefined,
  ): AsyncIterable<O> {
    this.branches ??= tee(this.inner.streamRun(input, config, known), this.consumers);
    const branch = this.branches[this.handed++ % this.consumers]!;
    return branch;
  }

  override outputAggregator(input: Aggregator<unknown>): Aggregator<O> {
    return this.inner.outputAggregator(input);
  }
}
