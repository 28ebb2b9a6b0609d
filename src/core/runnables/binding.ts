import type { Aggregator } from "../aggregate.ts";
import { type RunnableConfig, mergeConfigs } from "../config.ts";
import type { RunType } from "../events.ts";
import { type BatchOptions, type RunContext, Runnable, compose } from "../runnable.ts";

/** A runnable with config bound to it (`withConfig`): no run of its own, only config for the bound one. */
export class RunnableBinding<I = unknown, O = unknown> extends Runnable<I, O> {
  override readonly runType: RunType;

  constructor(
    readonly bound: Runnable<I, O>,
    readonly config: RunnableConfig,
  ) {
    super();
    this.runType = bound.runType;
    this.name = bound.getName();
  }

  protected _invoke(input: I, ctx: RunContext<I>): Promise<O> {
    return this.bound.invoke(input, ctx.config);
  }

  override invoke(input: I, config: RunnableConfig = {}): Promise<O> {
    return this.bound.invoke(input, mergeConfigs(this.config, config));
  }

  /** The bound config applies to the batch too (its `maxConcurrency` included), as in LangChain. */
  override batch(
    inputs: I[],
    config: RunnableConfig = {},
    options: BatchOptions = {},
  ): Promise<(O | Error)[]> {
    return this.bound.batch(inputs, mergeConfigs(this.config, config), options);
  }

  override streamRun(
    input: AsyncIterable<I>,
    config: RunnableConfig,
    known: { value: I } | undefined,
  ): AsyncIterable<O> {
    return this.bound.streamRun(input, mergeConfigs(this.config, config), known);
  }

  override outputAggregator(input: Aggregator<unknown>): Aggregator<O> {
    return this.bound.outputAggregator(input);
  }

  /** Binding again: the newer config wins, and tags from both are kept (LangChain drops the older tags). */
  override withConfig(config: RunnableConfig): Runnable<I, O> {
    return new RunnableBinding(this.bound, mergeConfigs(this.config, config));
  }
}

compose.binding = (bound, config) => new RunnableBinding(bound, config);
