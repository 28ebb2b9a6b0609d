/**
 * The chat model the graph gets for a provider node. It is built synchronously (the graph compiles
 * synchronously) and loads its provider's code on the first call, so an app's first load carries no
 * provider code, stream parser included.
 */
import type { AIMessageChunk } from "../core/messages/ai.ts";
import type { BaseMessage } from "../core/messages/base.ts";
import {
  BaseChatModel,
  type ChatModelDescription,
  type ChatModelStreamOptions,
} from "../core/models/chat-model.ts";
import type { ProviderAdapter } from "./adapter.ts";
import { PROVIDER_LABELS, ProviderError } from "./errors.ts";
import type { streamChat } from "./runner.ts";
import { type ChatModelConfig, REMOTE_PROVIDER_IDS, type RemoteProviderId } from "./types.ts";

/** Event (run) names, as LangChain's classes are called. */
export const MODEL_NAMES: Record<RemoteProviderId, string> = {
  openai: "ChatOpenAI",
  "openai-compatible": "ChatOpenAI",
  anthropic: "ChatAnthropic",
  google: "ChatGoogleGenerativeAI",
  ollama: "ChatOllama",
};

/** LangChain's `ls_provider` values. */
const LS_PROVIDER: Record<RemoteProviderId, string> = {
  openai: "openai",
  "openai-compatible": "openai",
  anthropic: "anthropic",
  google: "google_genai",
  ollama: "ollama",
};

interface Loaded {
  adapter: ProviderAdapter;
  streamChat: typeof streamChat;
}

async function withRunner(adapter: Promise<ProviderAdapter>): Promise<Loaded> {
  const [a, runner] = await Promise.all([adapter, import("./runner.ts")]);
  return { adapter: a, streamChat: runner.streamChat };
}

// Literal import() calls, one per provider, so bundlers split each into its own chunk.
const LOADERS: Record<RemoteProviderId, () => Promise<Loaded>> = {
  openai: () => withRunner(import("./openai.ts").then((m) => m.openaiAdapter)),
  "openai-compatible": () => withRunner(import("./openai.ts").then((m) => m.openaiAdapter)),
  anthropic: () => withRunner(import("./anthropic.ts").then((m) => m.anthropicAdapter)),
  google: () => withRunner(import("./google.ts").then((m) => m.googleAdapter)),
  ollama: () => withRunner(import("./ollama.ts").then((m) => m.ollamaAdapter)),
};

const loaded = new Map<RemoteProviderId, Promise<Loaded>>();

/** Loads a provider's code once; a failed load (offline after a deploy) is retried on the next call. */
export function loadProvider(provider: RemoteProviderId): Promise<Loaded> {
  let p = loaded.get(provider);
  if (!p) {
    p = LOADERS[provider]();
    loaded.set(provider, p);
    p.catch(() => loaded.delete(provider));
  }
  return p;
}

/**
 * A provider chat model; build it with `createChatModel`. `config` is kept as a copy.
 *
 * @example
 * const model = new RemoteChatModel({ provider: "ollama", model: "llama3.2" });
 * const answer = await model.invoke("Why is the sky blue?"); // AIMessageChunk with usage_metadata
 */
export class RemoteChatModel extends BaseChatModel {
  readonly config: Readonly<ChatModelConfig>;

  constructor(config: ChatModelConfig) {
    super();
    if (!REMOTE_PROVIDER_IDS.includes(config.provider)) {
      throw new Error(
        `Unknown provider "${String(config.provider)}": expected one of ${REMOTE_PROVIDER_IDS.join(", ")}.`,
      );
    }
    if (typeof config.model !== "string" || config.model.trim() === "") {
      throw new Error(`A ${PROVIDER_LABELS[config.provider]} model needs a model name.`);
    }
    // A copy, so editing the node while a run streams does not change that run.
    const params = config.params ? { ...config.params } : undefined;
    this.config = { ...config, ...(params ? { params } : {}) };
    this.name = MODEL_NAMES[config.provider];
  }

  describe(): ChatModelDescription {
    const p = this.config.params ?? {};
    const d: ChatModelDescription = { provider: LS_PROVIDER[this.config.provider], model: this.config.model };
    if (p.temperature !== undefined) d.temperature = p.temperature;
    if (p.maxTokens !== undefined) d.maxTokens = p.maxTokens;
    if (p.stop !== undefined) d.stop = p.stop;
    return d;
  }

  async *_streamChunks(
    messages: BaseMessage[],
    options: ChatModelStreamOptions,
  ): AsyncGenerator<AIMessageChunk> {
    let mod: Loaded;
    try {
      mod = await loadProvider(this.config.provider);
    } catch (err) {
      throw new ProviderError({
        provider: this.config.provider,
        kind: "network",
        message: `Could not load the ${PROVIDER_LABELS[this.config.provider]} code (offline, or the app was updated): reload the page.`,
        retryable: true,
        cause: err,
      });
    }
    yield* mod.streamChat(mod.adapter, this.config, messages, options.signal);
  }
}
