import type { Aggregator } from "../aggregate.ts";
import { INPUT_AGGREGATOR, childConfig } from "../config.ts";
import { type RunContext, Runnable, type RunnableLike, compose } from "../runnable.ts";

/**
 * Steps run one after another; streaming passes through every step that can transform a stream.
 *
 * @example
 * const chain = RunnableSequence.from([prompt, model, new StrOutputParser()]);
 */
export class RunnableSequence<I = unknown, O = unknown> extends Runnable<I, O> {
  override name = "RunnableSequence";
  protected override readonly consumesStream = true;
  readonly steps: Runnable[];

  constructor(steps: Runnable[], options: { name?: string } = {}) {
    super();
    if (steps.length < 2) throw new Error("A RunnableSequence needs at least two steps.");
    this.steps = steps;
    if (options.name) this.name = options.name;
  }

  static from<I = unknown, O = unknown>(
    steps: RunnableLike[],
    options: { name?: string } = {},
  ): RunnableSequence<I, O> {
    const flat: Runnable[] = [];
    for (const step of steps) {
      const r = compose.coerce!(step);
      // Piping sequences into each other flattens them, as in LangChain (unnamed ones only).
      if (r instanceof RunnableSequence && r.name === "RunnableSequence") flat.push(...r.steps);
      else flat.push(r);
    }
    return new RunnableSequence<I, O>(flat, options);
  }

  protected async _invoke(input: I, ctx: RunContext<I>): Promise<O> {
    let value: unknown = input;
    for (let i = 0; i < this.steps.length; i++) {
      value = await this.steps[i]!.invoke(value, childConfig(ctx.config, `seq:step:${i + 1}`));
    }
    return value as O;
  }

  protected override _transform(input: AsyncIterable<I>, ctx: RunContext<I>): AsyncIterable<O> {
    let stream: AsyncIterable<unknown> = input;
    let aggregate = ctx.inputAggregator as Aggregator<unknown>;
    for (let i = 0; i < this.steps.length; i++) {
      const step = this.steps[i]!;
      const config = childConfig(ctx.config, `seq:step:${i + 1}`);
      config[INPUT_AGGREGATOR] = aggregate;
      stream = step.streamRun(stream, config, undefined);
      aggregate = step.outputAggregator(aggregate);
    }
    return stream as AsyncIterable<O>;
  }

  override outputAggregator(input: Aggregator<unknown>): Aggregator<O> {
    let aggregate = input;
    for (const step of this.steps) aggregate = step.outputAggregator(aggregate);
    return aggregate as Aggregator<O>;
  }
}

compose.sequence = (steps) => RunnableSequence.from(steps);
