import { abortError } from "../config.ts";
import { AIMessageChunk } from "../messages/ai.ts";
import type { BaseMessage, UsageMetadata } from "../messages/base.ts";
import { BaseChatModel, type ChatModelDescription, type ChatModelStreamOptions } from "./chat-model.ts";

export type Chunking = "words" | "chars" | { regex: string };

export interface ScriptedChatModelOptions {
  /** Used in turn, cycling. A string is split by `chunking`; an array streams exactly those chunks. */
  responses: (string | string[])[];
  chunking?: Chunking;
  /** Delay before the first chunk. */
  firstTokenMs?: number;
  /** Pace after the first chunk; 0 (the default) streams with no timers at all. */
  tokensPerSecond?: number;
  /** Usage on the final chunk: true estimates it, an object gives it exactly, false omits it. */
  usage?: boolean | UsageMetadata;
  /** Fail after this many chunks of each response (a scripted provider error). */
  failAfterChunks?: number;
  failMessage?: string;
  /** The model name reported in metadata. */
  model?: string;
  /** Injected for tests and hosts; defaults to a setTimeout that aborts with the signal. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

// Word-like tokens that add back up to the text: leading whitespace sticks to the next token.
const WORDS = /\s*(?:[\p{L}\p{N}_']+|[^\p{L}\p{N}_'\s]+)|\s+$/gu;

/** Splits a response into chunks whose concatenation is exactly the response. */
export function splitResponse(text: string, chunking: Chunking = "words"): string[] {
  if (text === "") return [""];
  if (chunking === "chars") return Array.from(text);
  const re = chunking === "words" ? WORDS : new RegExp(chunking.regex, "gu");
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m[0] === "") continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * A deterministic offline chat model: scripted answers with realistic chunking and timing. It emits
 * exactly the events a real chat model emits, so chains can be built and tested without keys.
 *
 * @example
 * new ScriptedChatModel({ responses: ["Why did the parrot ..."], tokensPerSecond: 40 })
 */
export class ScriptedChatModel extends BaseChatModel {
  override name = "ScriptedChatModel";
  private turn = 0;
  private readonly scripted: string[][];

  constructor(readonly options: ScriptedChatModelOptions) {
    super();
    if (!Array.isArray(options.responses) || options.responses.length === 0) {
      throw new Error("ScriptedChatModel needs at least one response.");
    }
    this.scripted = options.responses.map((r) => (Array.isArray(r) ? r : splitResponse(r, options.chunking)));
  }

  describe(): ChatModelDescription {
    return { provider: "scripted", model: this.options.model ?? "scripted" };
  }

  async *_streamChunks(
    messages: BaseMessage[],
    { signal }: ChatModelStreamOptions,
  ): AsyncGenerator<AIMessageChunk> {
    const chunks = this.scripted[this.turn++ % this.scripted.length]!;
    const { firstTokenMs = 0, tokensPerSecond = 0, failAfterChunks } = this.options;
    const sleep = this.options.sleep ?? abortableSleep;
    const gap = tokensPerSecond > 0 ? 1000 / tokensPerSecond : 0;
    for (let i = 0; i < chunks.length; i++) {
      if (failAfterChunks !== undefined && i === failAfterChunks) {
        throw new Error(this.options.failMessage ?? `Scripted failure after ${failAfterChunks} chunks.`);
      }
      const wait = i === 0 ? firstTokenMs : gap;
      if (wait > 0) await sleep(wait, signal);
      const last = i === chunks.length - 1;
      yield last ? this.finalChunk(chunks[i]!, messages, chunks.length) : new AIMessageChunk(chunks[i]!);
    }
    // A failure scripted at or past the end still fails, after the last chunk.
    if (failAfterChunks !== undefined && failAfterChunks >= chunks.length) {
      throw new Error(this.options.failMessage ?? `Scripted failure after ${failAfterChunks} chunks.`);
    }
  }

  private finalChunk(text: string, messages: BaseMessage[], count: number): AIMessageChunk {
    const chunk = new AIMessageChunk({ content: text, response_metadata: { finish_reason: "stop" } });
    const { usage = true } = this.options;
    if (usage === true) {
      // Roughly four characters a token, as a stand-in for a tokenizer.
      const input = Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
      chunk.usage_metadata = { input_tokens: input, output_tokens: count, total_tokens: input + count };
    } else if (usage) chunk.usage_metadata = usage;
    return chunk;
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
