/**
 * Sluice providers: chat models that stream straight from the browser (or Node) to OpenAI,
 * OpenAI-compatible servers, Anthropic, Google Gemini and Ollama. docs/providers.md has the details.
 */
import { RemoteChatModel } from "./model.ts";
import type { ChatModelConfig } from "./types.ts";

export { RemoteChatModel, MODEL_NAMES } from "./model.ts";
export {
  ProviderError,
  PROVIDER_LABELS,
  isProviderError,
  type ProviderErrorKind,
  type ProviderErrorFields,
} from "./errors.ts";
export {
  REMOTE_PROVIDER_IDS,
  type RemoteProviderId,
  type ChatModelConfig,
  type ModelParams,
  type TransportOptions,
  type Timers,
} from "./types.ts";
export { DEFAULTS as TRANSPORT_DEFAULTS } from "./runtime.ts";

/**
 * A chat model for a model node. Synchronous: the provider's code loads on the first call, so the app's
 * first load carries none of it. Streams `AIMessageChunk`s; the last one has `usage_metadata` and
 * `response_metadata.finish_reason`. Failures are `ProviderError`s (aborts have `name` "AbortError").
 *
 * @example
 * const model = createChatModel({ provider: "anthropic", model: "claude-sonnet-4-5", apiKey });
 * for await (const chunk of await model.stream("Tell me a joke", { signal })) show(chunk.content);
 *
 * @example
 * // LM Studio on this machine, no key, one retry, a faster first-byte timeout.
 * createChatModel({ provider: "openai-compatible", model: "qwen3-8b", baseUrl: "http://localhost:1234/v1",
 *   maxRetries: 1, firstByteTimeoutMs: 20_000 });
 */
export function createChatModel(config: ChatModelConfig): RemoteChatModel {
  return new RemoteChatModel(config);
}
