import { BaseMessage } from "../messages/base.ts";

/** The text of a model output chunk: a message's content or a string itself. */
export function outputText(chunk: unknown, parser: string): string {
  if (typeof chunk === "string") return chunk;
  if (chunk instanceof BaseMessage) return chunk.content;
  throw new TypeError(
    `${parser} takes a string or a message, but got ${chunk === null ? "null" : typeof chunk}.`,
  );
}
