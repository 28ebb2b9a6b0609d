import type { Aggregator } from "../aggregate.ts";
import type { RunType } from "../events.ts";
import type { BaseMessage } from "../messages/base.ts";
import { type RunContext, Runnable } from "../runnable.ts";
import { outputText } from "./text.ts";

/** Splits comma-separated text into a list; streams each item as soon as its comma arrives. */
export class CommaSeparatedListOutputParser extends Runnable<string | BaseMessage, string[]> {
  override readonly runType: RunType = "parser";
  override name = "CommaSeparatedListOutputParser";
  protected override readonly consumesStream = true;

  protected _invoke(input: string | BaseMessage): Promise<string[]> {
    const text = outputText(input, this.name).trim();
    return Promise.resolve(text === "" ? [] : text.split(",").map((s) => s.trim()));
  }

  protected override async *_transform(
    input: AsyncIterable<string | BaseMessage>,
    _ctx: RunContext<string | BaseMessage>,
  ): AsyncGenerator<string[]> {
    let buffer = "";
    let items = 0;
    for await (const chunk of input) {
      buffer += outputText(chunk, this.name);
      let comma = buffer.indexOf(",");
      while (comma >= 0) {
        yield [buffer.slice(0, comma).trim()];
        items++;
        buffer = buffer.slice(comma + 1);
        comma = buffer.indexOf(",");
      }
    }
    // The item after the last comma, even if empty ("a, b," is three items, as invoke says).
    if (items > 0 || buffer.trim() !== "") yield [buffer.trim()];
  }

  /** A whole input given to `stream()` is parsed as `invoke` does, in one chunk (as in LangChain). */
  protected override _streamWhole(
    input: string | BaseMessage,
    ctx: RunContext<string | BaseMessage>,
  ): AsyncIterable<string[]> {
    return this._streamInvoke(input, ctx);
  }

  override outputAggregator(): Aggregator<string[]> {
    return (acc, chunk) => (acc ? [...acc, ...chunk] : chunk);
  }
}
