import type { RunType } from "../events.ts";
import { type RunContext, Runnable } from "../runnable.ts";
import type { BaseMessage } from "../messages/base.ts";
import { outputText } from "./text.ts";
import { mapStream } from "../stream.ts";

/** Turns model output into its text, chunk by chunk. */
export class StrOutputParser extends Runnable<string | BaseMessage, string> {
  override readonly runType: RunType = "parser";
  override name = "StrOutputParser";
  protected override readonly consumesStream = true;

  protected _invoke(input: string | BaseMessage): Promise<string> {
    return Promise.resolve(outputText(input, this.name));
  }

  protected override _transform(
    input: AsyncIterable<string | BaseMessage>,
    _ctx: RunContext<string | BaseMessage>,
  ): AsyncIterable<string> {
    return mapStream(input, (chunk) => outputText(chunk, this.name));
  }
}
