/**
 * Shared setup of the provider conformance suites: one mock provider server over real HTTP on
 * 127.0.0.1, the five providers described as cases, and a collector that keeps the chunks streamed
 * before an error. Test-only (imported by *.test.ts files).
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  type MockProvider,
  type RecordedRequest,
  type Scenario,
  startMockProvider,
} from "../../e2e/mock-provider/server.ts";
import { AIMessageChunk } from "../core/messages/ai.ts";
import { HumanMessage } from "../core/messages/base.ts";
import {
  type ChatModelConfig,
  type RemoteChatModel,
  type RemoteProviderId,
  createChatModel,
} from "./index.ts";

export const KEYS = {
  openai: "sk-openai-test-1234",
  anthropic: "sk-ant-test-5678",
  gemini: "AIza-test-9012",
};

export interface ProviderCase {
  provider: RemoteProviderId;
  mock: "openai" | "anthropic" | "gemini" | "ollama";
  /** The base URL under the mock. */
  base: (mockUrl: string) => string;
  /** The request path the mock sees. */
  path: string;
  apiKey: string | undefined;
  /** The provider's own finish reasons for a normal end, a token limit and tool calls. */
  finish: { stop: string; length: string; tools: string };
  /** Wire events before the first text event (start, role and ping events). */
  textAt: number;
  sse: boolean;
  /** Whether the wire carries a response id. */
  hasId: boolean;
  /** The status an in-stream error of the mock stands for. */
  streamErrorStatus: number | undefined;
}

export const MODEL = "test-model-1";

export const CASES: ProviderCase[] = [
  {
    provider: "openai",
    mock: "openai",
    base: (u) => `${u}/v1`,
    path: "/v1/chat/completions",
    apiKey: KEYS.openai,
    finish: { stop: "stop", length: "length", tools: "tool_calls" },
    textAt: 1,
    sse: true,
    hasId: true,
    streamErrorStatus: 500,
  },
  {
    provider: "openai-compatible",
    mock: "openai",
    base: (u) => `${u}/v1/`,
    path: "/v1/chat/completions",
    apiKey: KEYS.openai,
    finish: { stop: "stop", length: "length", tools: "tool_calls" },
    textAt: 1,
    sse: true,
    hasId: true,
    streamErrorStatus: 500,
  },
  {
    provider: "anthropic",
    mock: "anthropic",
    base: (u) => `${u}/v1`,
    path: "/v1/messages",
    apiKey: KEYS.anthropic,
    finish: { stop: "end_turn", length: "max_tokens", tools: "tool_use" },
    textAt: 3,
    sse: true,
    hasId: true,
    streamErrorStatus: 529,
  },
  {
    provider: "google",
    mock: "gemini",
    base: (u) => `${u}/v1beta`,
    path: `/v1beta/models/${MODEL}:streamGenerateContent`,
    apiKey: KEYS.gemini,
    finish: { stop: "STOP", length: "MAX_TOKENS", tools: "STOP" },
    textAt: 0,
    sse: true,
    hasId: true,
    streamErrorStatus: 503,
  },
  {
    provider: "ollama",
    mock: "ollama",
    base: (u) => u,
    path: "/api/chat",
    apiKey: undefined,
    finish: { stop: "stop", length: "length", tools: "stop" },
    textAt: 0,
    sse: false,
    hasId: false,
    streamErrorStatus: undefined,
  },
];

/** Starts one mock for the file (keys required where the real APIs require them), reset between tests. */
export function useMock(): { readonly mock: MockProvider } {
  const holder: { mock?: MockProvider } = {};
  beforeAll(async () => {
    holder.mock = await startMockProvider({ apiKeys: KEYS });
  });
  afterEach(() => holder.mock?.reset());
  afterAll(async () => holder.mock?.close());
  return {
    get mock(): MockProvider {
      if (!holder.mock) throw new Error("the mock provider is not started");
      return holder.mock;
    },
  };
}

/** Fast defaults for tests: no real backoff waits, short timeouts only where a test sets them. */
export function modelFor(
  c: ProviderCase,
  mock: MockProvider,
  extra: Partial<ChatModelConfig> = {},
): RemoteChatModel {
  return createChatModel({
    provider: c.provider,
    model: MODEL,
    baseUrl: c.base(mock.url),
    apiKey: c.apiKey,
    backoffBaseMs: 1,
    random: () => 0,
    ...extra,
  });
}

export function script(c: ProviderCase, mock: MockProvider, ...scenarios: Scenario[]): void {
  mock.script(...scenarios.map((s) => ({ provider: c.mock, ...s })));
}

export interface Outcome {
  chunks: AIMessageChunk[];
  /** All chunks added up with concat (what invoke would return). */
  message: AIMessageChunk;
  error: unknown;
}

/** Streams the model's raw chunks (the provider contract), keeping what arrived before an error. */
export async function collect(
  model: RemoteChatModel,
  input = "Say something.",
  signal?: AbortSignal,
  onChunk?: (c: AIMessageChunk, i: number) => void,
): Promise<Outcome> {
  const chunks: AIMessageChunk[] = [];
  let error: unknown;
  try {
    const options = signal ? { signal } : {};
    for await (const chunk of model._streamChunks([new HumanMessage(input)], options)) {
      chunks.push(chunk);
      onChunk?.(chunk, chunks.length - 1);
    }
  } catch (err) {
    error = err;
  }
  const message = chunks.reduce((a, b) => a.concat(b), new AIMessageChunk(""));
  return { chunks, message, error };
}

/** The provider requests the mock saw (preflights and unknown paths excluded). */
export function providerRequests(mock: MockProvider): RecordedRequest[] {
  return mock.requests.filter((r) => r.provider !== null && r.method === "POST");
}

export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The answer split as the mock splits it into events: words with their leading spaces. */
export function words(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}
