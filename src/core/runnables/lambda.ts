import { concatAggregator, gather } from "../aggregate.ts";
import type { RunnableConfig } from "../config.ts";
import { type RunContext, Runnable } from "../runnable.ts";
import { deferStream, single } from "../stream.ts";

type PlainFn<I, O> = (input: I, config: RunnableConfig) => O | Promise<O> | Runnable<I, O>;
type GeneratorFn<I, O> = (input: AsyncIterable<I>, config: RunnableConfig) => AsyncGenerator<O>;

// The constructor of every `async function*`, to tell generator functions from plain ones.
const AsyncGeneratorFunction = (Object.getPrototypeOf(async function* () {}) as { constructor: unknown })
  .constructor;

/**
 * Wraps a function. A plain function needs its whole input, so streaming stops there (it yields
 * one chunk); an `async function*` transforms the input stream, so streaming continues through it.
 * The function's own name is its run name. `config` (second argument) nests inner calls.
 *
 * @example
 * RunnableLambda.from(async function* upper(chunks) { for await (const c of chunks) yield c.toUpperCase(); })
 */
export class RunnableLambda<I = unknown, O = unknown> extends Runnable<I, O> {
  protected override readonly consumesStream: boolean;
  private readonly fn: PlainFn<I, O> | GeneratorFn<I, O>;

  constructor(fn: PlainFn<I, O> | GeneratorFn<I, O>) {
    super();
    if (typeof fn !== "function") {
      throw new TypeError(`RunnableLambda needs a function, but got ${describe(fn)}.`);
    }
    this.fn = fn;
    this.consumesStream = fn instanceof (AsyncGeneratorFunction as typeof Function);
    this.name = fn.name || "RunnableLambda";
  }

  // The generator form first: an `async function*` over `AsyncIterable<I>` is a RunnableLambda<I, O>.
  static from<I = unknown, O = unknown>(fn: GeneratorFn<I, O>): RunnableLambda<I, O>;
  static from<I = unknown, O = unknown>(fn: PlainFn<I, O>): RunnableLambda<I, O>;
  static from<I = unknown, O = unknown>(fn: PlainFn<I, O> | GeneratorFn<I, O>): RunnableLambda<I, O> {
    return new RunnableLambda(fn);
  }

  protected async _invoke(input: I, ctx: RunContext<I>): Promise<O> {
    if (this.consumesStream) return gather(this._transform(single(input), ctx), concatAggregator as never);
    const result = await (this.fn as PlainFn<I, O>)(input, ctx.config);
    return result instanceof Runnable ? result.invoke(input, ctx.config) : result;
  }

  protected override _streamInvoke(input: I, ctx: RunContext<I>): AsyncIterable<O> {
    return deferStream(async () => {
      const result = await (this.fn as PlainFn<I, O>)(input, ctx.config);
      // A function that returns a runnable hands the streaming over to it.
      if (result instanceof Runnable) return result.streamRun(single(input), ctx.config, { value: input });
      return single(result);
    });
  }

  protected override _transform(input: AsyncIterable<I>, ctx: RunContext<I>): AsyncIterable<O> {
    return (this.fn as GeneratorFn<I, O>)(input, ctx.config);
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
