import { AIMessageChunk } from "../messages/ai.ts";
import { BaseMessage } from "../messages/base.ts";
import { type MessageLike, coerceMessage } from "../messages/coerce.ts";
import { ChatPromptValue } from "../messages/prompt-value.ts";
import { throwIfAborted } from "../config.ts";
import type { RunType } from "../events.ts";
import { type RunContext, Runnable } from "../runnable.ts";
import { mapStream } from "../stream.ts";

/** What a chat model accepts: a string, a prompt value, or a list of messages. */
export type ChatModelInput = string | ChatPromptValue | MessageLike[];

export interface ChatModelStreamOptions {
  signal?: AbortSignal;
}

/** The `ls_*` metadata LangChain puts on chat-model runs. */
export interface ChatModelDescription {
  provider: string;
  model: string;
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
}

/**
 * The base every chat model extends: implement `_streamChunks`, and `invoke`, `stream` and events
 * follow. An invoked model still reports each token as an `on_chat_model_stream` event.
 */
export abstract class BaseChatModel extends Runnable<ChatModelInput, AIMessageChunk> {
  override readonly runType: RunType = "chat_model";

  /** Streams the answer to `messages`; must stop promptly when `options.signal` aborts. */
  abstract _streamChunks(
    messages: BaseMessage[],
    options: ChatModelStreamOptions,
  ): AsyncGenerator<AIMessageChunk>;

  abstract describe(): ChatModelDescription;

  protected async _invoke(input: ChatModelInput, ctx: RunContext<ChatModelInput>): Promise<AIMessageChunk> {
    let message: AIMessageChunk | undefined;
    for await (const chunk of this._streamInvoke(input, ctx)) {
      ctx.run?.stream(chunk);
      message = message ? message.concat(chunk) : chunk;
    }
    return message ?? new AIMessageChunk("");
  }

  protected override _streamInvoke(
    input: ChatModelInput,
    ctx: RunContext<ChatModelInput>,
  ): AsyncIterable<AIMessageChunk> {
    const signal = ctx.config.signal;
    throwIfAborted(signal);
    const id = `run-${ctx.run?.id ?? crypto.randomUUID()}`;
    const options: ChatModelStreamOptions = signal ? { signal } : {};
    return mapStream(this._streamChunks(toMessages(input), options), (chunk) => {
      throwIfAborted(signal);
      if (!chunk.id) chunk.id = id;
      return chunk;
    });
  }

  protected override eventInput(input: ChatModelInput): unknown {
    return { messages: [toMessages(input)] };
  }

  protected override runMetadata(): Record<string, unknown> {
    const d = this.describe();
    const meta: Record<string, unknown> = {
      ls_provider: d.provider,
      ls_model_name: d.model,
      ls_model_type: "chat",
    };
    if (d.temperature !== undefined) meta.ls_temperature = d.temperature;
    if (d.maxTokens !== undefined) meta.ls_max_tokens = d.maxTokens;
    if (d.stop !== undefined) meta.ls_stop = d.stop;
    return meta;
  }
}

export function toMessages(input: ChatModelInput): BaseMessage[] {
  if (typeof input === "string") return [coerceMessage(input)];
  if (input instanceof ChatPromptValue) return input.toChatMessages();
  if (Array.isArray(input)) return input.map((m) => (m instanceof BaseMessage ? m : coerceMessage(m)));
  throw new TypeError(
    `A chat model takes a string, a prompt value or a list of messages, but got ${input === null ? "null" : typeof input}.`,
  );
}
