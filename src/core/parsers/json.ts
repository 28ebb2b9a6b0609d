import { type Aggregator, lastValueAggregator } from "../aggregate.ts";
import type { RunType } from "../events.ts";
import type { BaseMessage } from "../messages/base.ts";
import { type RunContext, Runnable } from "../runnable.ts";
import { JsonMarkdownStream } from "./partial-json-markdown.ts";
import { outputText } from "./text.ts";

export class OutputParserError extends Error {
  override name = "OutputParserError";
}

/**
 * Parses model output as JSON. Streaming emits the whole partial value each time it changes (keys
 * appear once their value starts, strings and numbers grow), in time linear in the text. `invoke`
 * is strict. A ```json fence around the output is accepted.
 *
 * @example
 * model.pipe(new JsonOutputParser()) // streams {}, {countries: []}, {countries: [{name: "Fr"}]}, ...
 */
export class JsonOutputParser<T = unknown> extends Runnable<string | BaseMessage, T> {
  override readonly runType: RunType = "parser";
  override name = "JsonOutputParser";
  protected override readonly consumesStream = true;

  protected _invoke(input: string | BaseMessage): Promise<T> {
    const text = stripFence(outputText(input, this.name));
    try {
      return Promise.resolve(JSON.parse(text) as T);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
      throw new OutputParserError(
        `JsonOutputParser: the output is not valid JSON (${reason}): ${JSON.stringify(shown)}`,
      );
    }
  }

  protected override async *_transform(
    input: AsyncIterable<string | BaseMessage>,
    _ctx: RunContext<string | BaseMessage>,
  ): AsyncGenerator<T> {
    const parser = new JsonMarkdownStream();
    for await (const chunk of input) {
      if (parser.push(outputText(chunk, this.name))) yield parser.value as T;
    }
  }

  /** A whole input given to `stream()` is parsed as `invoke` does, in one chunk (as in LangChain). */
  protected override _streamWhole(
    input: string | BaseMessage,
    ctx: RunContext<string | BaseMessage>,
  ): AsyncIterable<T> {
    return this._streamInvoke(input, ctx);
  }

  /** A JSON parser's chunks are cumulative snapshots: the last one is the value. */
  override outputAggregator(): Aggregator<T> {
    return lastValueAggregator as Aggregator<T>;
  }
}

/** LangChain's markdown handling for a whole text: parse what is inside the first ``` fence, if any. */
function stripFence(text: string): string {
  const trimmed = text.trim();
  const open = trimmed.indexOf("```");
  if (open < 0) return trimmed;
  const body = trimmed.slice(open + 3).replace(/^json\b/, "");
  const close = body.indexOf("```");
  return (close < 0 ? body : body.slice(0, close)).trim();
}
