/**
 * Streams one chat request through an adapter: request, status and content-type checks, framing,
 * decoding, and retries with backoff, only while nothing has been yielded (a retry after the first
 * chunk would repeat or restart text the caller already showed).
 */
import type { AIMessageChunk } from "../core/messages/ai.ts";
import type { BaseMessage } from "../core/messages/base.ts";
import type { ProviderAdapter } from "./adapter.ts";
import { Attempt } from "./attempt.ts";
import { factsFromBody } from "./error-body.ts";
import { type ErrorContext, streamError } from "./error-text.ts";
import { PROVIDER_LABELS, ProviderError } from "./errors.ts";
import { abortedError } from "./failure-text.ts";
import { ndjsonFrames } from "./ndjson.ts";
import { retryDelay } from "./retry.ts";
import { type Runtime, resolveRuntime } from "./runtime.ts";
import { FramingError, sseFrames } from "./sse.ts";
import type { ChatModelConfig } from "./types.ts";

/**
 * The provider's answer to `messages` as chunks; the last one carries usage and finish reason.
 * Throws a ProviderError; chunks yielded before it stay valid.
 */
export async function* streamChat(
  adapter: ProviderAdapter,
  config: ChatModelConfig,
  messages: BaseMessage[],
  signal: AbortSignal | undefined,
): AsyncGenerator<AIMessageChunk> {
  const rt = resolveRuntime(config);
  const baseUrl = (config.baseUrl?.trim() || adapter.defaultBaseUrl(config.provider)).replace(/\/+$/, "");
  const ctx: ErrorContext = {
    provider: config.provider,
    model: config.model,
    baseUrl,
    hasKey: Boolean(config.apiKey),
  };
  const request = adapter.buildRequest(config, baseUrl, messages);
  if (!isUrl(request.url)) {
    throw new ProviderError({
      provider: config.provider,
      kind: "network",
      message: `The ${PROVIDER_LABELS[config.provider]} base URL "${baseUrl}" is not a valid http(s) URL (e.g. http://localhost:1234/v1): fix it in the node or in Settings.`,
    });
  }
  const init: RequestInit = { method: "POST", headers: request.headers, body: JSON.stringify(request.body) };
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const chunk of runAttempt(adapter, request.url, init, ctx, rt, signal)) {
        yielded = true;
        yield chunk;
      }
      return;
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      err.attempts = attempt;
      const canRetry = !yielded && err.retryable && attempt <= rt.maxRetries && !signal?.aborted;
      const wait = canRetry ? retryDelay(err.retryAfterMs, attempt - 1, retryOptions(rt)) : undefined;
      if (wait === undefined) throw withAttempts(err);
      try {
        await rt.sleep(wait, signal);
      } catch (sleepErr) {
        throw signal?.aborted ? abortedError(ctx.provider, signal.reason) : sleepErr;
      }
    }
  }
}

async function* runAttempt(
  adapter: ProviderAdapter,
  url: string,
  init: RequestInit,
  ctx: ErrorContext,
  rt: Runtime,
  signal: AbortSignal | undefined,
): AsyncGenerator<AIMessageChunk> {
  const attempt = new Attempt(rt, ctx, signal);
  try {
    const res = await attempt.send(url, init);
    if (!res.ok) throw await attempt.httpError(res);
    await rejectNonStream(attempt, res, ctx, adapter.framing);
    const decoder = adapter.createDecoder(ctx);
    if (res.body) {
      const text = attempt.text(res.body);
      const frames = adapter.framing === "sse" ? sseFrames(text) : ndjsonFrames(text);
      try {
        for await (const frame of frames) {
          for (const chunk of decoder.push(frame)) yield chunk;
          if (decoder.complete) break;
        }
      } catch (err) {
        if (err instanceof FramingError) throw framingError(ctx, err);
        throw err;
      }
    }
    yield decoder.finish();
  } finally {
    attempt.dispose();
  }
}

/**
 * A 200 that is not a stream: a JSON error from a proxy, an HTML login page, or a server that ignored
 * `stream: true`. Reported instead of being parsed as an empty stream.
 */
async function rejectNonStream(
  attempt: Attempt,
  res: Response,
  ctx: ErrorContext,
  framing: "sse" | "ndjson",
): Promise<void> {
  const type = (res.headers.get("content-type") ?? "").toLowerCase();
  const json = type.includes("json") && !type.includes("ndjson");
  if (framing === "ndjson" && type.includes("text/event-stream")) {
    throw new ProviderError({
      provider: ctx.provider,
      kind: "api_error",
      message: `The server at ${ctx.baseUrl} streams SSE, not Ollama's NDJSON: it is an OpenAI-compatible server (llama.cpp answers /api/chat this way). Use the OpenAI-compatible provider with ${ctx.baseUrl}/v1.`,
      status: res.status,
    });
  }
  if (!(type.includes("text/html") || (json && framing === "sse"))) return;
  const facts = factsFromBody(await attempt.bodyText(res));
  if (json && facts.providerMessage !== undefined) throw streamError(ctx, facts);
  throw new ProviderError({
    provider: ctx.provider,
    kind: "api_error",
    message: `${PROVIDER_LABELS[ctx.provider]} answered with ${type} instead of a stream${facts.providerMessage ? ` ("${facts.providerMessage}")` : ""}. Check the base URL ${ctx.baseUrl}.`,
    status: res.status,
    providerMessage: facts.providerMessage,
  });
}

function framingError(ctx: ErrorContext, err: FramingError): ProviderError {
  return new ProviderError({
    provider: ctx.provider,
    kind: "api_error",
    message: `${PROVIDER_LABELS[ctx.provider]} sent a malformed stream: ${err.message}.`,
    cause: err,
  });
}

function retryOptions(rt: Runtime) {
  return {
    baseMs: rt.backoffBaseMs,
    maxMs: rt.backoffMaxMs,
    random: rt.random,
    maxRetryAfterMs: rt.maxRetryAfterMs,
  };
}

/** Says how often it tried, when it tried more than once. */
function withAttempts(err: ProviderError): ProviderError {
  if (err.attempts > 1) err.message = `${err.message} (Gave up after ${err.attempts} attempts.)`;
  return err;
}

/** An http(s) URL: "localhost:1234/v1" parses with the scheme "localhost:", a common slip. */
function isUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}
