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
    for await (const chunk of input) {
      buffer += outputText(chunk, this.name);
      let comma = buffer.indexOf(",");
      while (comma >= 0) {
        yield [buffer.slice(0, comma).trim()];
        buffer = buffer.slice(comma + 1);
        comma = buffer.indexOf(",");
      }
    }
    if (buffer.trim() !== "") yield [buffer.trim()];
  }

  override outputAggregator(): Aggregator<string[]> {
    return (acc, chunk) => (acc ? [...acc, ...chunk] : chunk);
  }
}
