/** The public factory, lazy loading, base URLs and message mapping (no network). */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from "../core/messages/index.ts";
import { endpoint } from "./adapter.ts";
import { anthropicAdapter } from "./anthropic.ts";
import { googleAdapter } from "./google.ts";
import { MODEL_NAMES, REMOTE_PROVIDER_IDS, createChatModel } from "./index.ts";
import { ollamaAdapter } from "./ollama.ts";
import { openaiAdapter } from "./openai.ts";
import type { ChatModelConfig, RemoteProviderId } from "./types.ts";

const ADAPTERS = {
  openai: openaiAdapter,
  "openai-compatible": openaiAdapter,
  anthropic: anthropicAdapter,
  google: googleAdapter,
  ollama: ollamaAdapter,
};

function request(
  provider: RemoteProviderId,
  baseUrl?: string,
  messages: BaseMessage[] = [new HumanMessage("hi")],
) {
  const adapter = ADAPTERS[provider];
  const config: ChatModelConfig = { provider, model: "m-1", apiKey: "k" };
  return adapter.buildRequest(config, baseUrl ?? adapter.defaultBaseUrl(provider), messages);
}

describe("createChatModel", () => {
  it("builds a model synchronously with LangChain's names and ls_* metadata", () => {
    const names = REMOTE_PROVIDER_IDS.map((provider) => createChatModel({ provider, model: "x" }).name);
    expect(names).toEqual([
      "ChatOpenAI",
      "ChatOpenAI",
      "ChatAnthropic",
      "ChatGoogleGenerativeAI",
      "ChatOllama",
    ]);
    expect(MODEL_NAMES.google).toBe("ChatGoogleGenerativeAI");
    const model = createChatModel({
      provider: "google",
      model: "gemini-2.5-flash",
      params: { temperature: 0.2, maxTokens: 50, stop: ["x"], topP: undefined },
    });
    expect(model.describe()).toEqual({
      provider: "google_genai",
      model: "gemini-2.5-flash",
      temperature: 0.2,
      maxTokens: 50,
      stop: ["x"],
    });
  });

  it("accepts a model node's data as it is (optional fields undefined)", () => {
    const data = { provider: "ollama" as const, model: "llama3.2", baseUrl: undefined, params: undefined };
    expect(createChatModel({ ...data, apiKey: undefined }).describe()).toEqual({
      provider: "ollama",
      model: "llama3.2",
    });
  });

  it("refuses an unknown provider or an empty model at build time", () => {
    const bad = { provider: "scripted", model: "x" } as unknown as ChatModelConfig;
    expect(() => createChatModel(bad)).toThrow(/Unknown provider "scripted"/);
    expect(() => createChatModel({ provider: "openai", model: " " })).toThrow(/needs a model name/);
  });

  it("keeps provider code and the SSE parser out of the entry chunk (dynamic import per provider)", async () => {
    const result = await build({
      entryPoints: ["src/providers/index.ts"],
      bundle: true,
      splitting: true,
      format: "esm",
      outdir: "out",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint)!;
    const inputs = Object.keys(entry[1].inputs);
    expect(inputs.some((i) => i.includes("eventsource-parser"))).toBe(false);
    for (const lazy of ["openai.ts", "anthropic.ts", "google.ts", "ollama.ts", "runner.ts", "sse.ts"]) {
      expect(inputs).not.toContain(`src/providers/${lazy}`);
    }
    expect(entry[1].imports.filter((i) => i.kind === "dynamic-import").length).toBeGreaterThanOrEqual(5);
  });
});

describe("base URLs", () => {
  it("uses each provider's default and appends its path", () => {
    expect(request("openai").url).toBe("https://api.openai.com/v1/chat/completions");
    expect(request("openai-compatible").url).toBe("https://api.openai.com/v1/chat/completions");
    expect(request("anthropic").url).toBe("https://api.anthropic.com/v1/messages");
    expect(request("google").url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/m-1:streamGenerateContent?alt=sse",
    );
    expect(request("ollama").url).toBe("http://localhost:11434/api/chat");
  });

  it("tolerates trailing slashes and a pasted full endpoint", () => {
    expect(endpoint("http://localhost:1234/v1///", "/chat/completions")).toBe(
      "http://localhost:1234/v1/chat/completions",
    );
    expect(endpoint("http://h/v1/chat/completions/", "/chat/completions")).toBe(
      "http://h/v1/chat/completions",
    );
    expect(request("ollama", "http://box:11434/").url).toBe("http://box:11434/api/chat");
    expect(request("google", "https://proxy.example/v1beta/").url).toBe(
      "https://proxy.example/v1beta/models/m-1:streamGenerateContent?alt=sse",
    );
  });
});

describe("message mapping", () => {
  const chat = [
    new SystemMessage("Be brief."),
    new HumanMessage("a"),
    new HumanMessage("b"),
    new AIMessage("c"),
  ];

  it("maps roles for OpenAI and Ollama", () => {
    expect((request("openai", undefined, chat).body as { messages: unknown }).messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "a" },
      { role: "user", content: "b" },
      { role: "assistant", content: "c" },
    ]);
  });

  it("moves system text to Anthropic's `system` and sets max_tokens", () => {
    const body = request("anthropic", undefined, chat).body as Record<string, unknown>;
    expect(body.system).toBe("Be brief.");
    expect(body.max_tokens).toBe(4096);
    expect(body.messages).toHaveLength(3);
    const only = request("anthropic", undefined, [new SystemMessage("Only system.")]).body;
    expect(only).toMatchObject({ messages: [{ role: "user", content: "Only system." }] });
    expect((only as Record<string, unknown>).system).toBeUndefined();
  });

  it("gives Gemini a systemInstruction and merges consecutive same-role turns", () => {
    expect(request("google", undefined, chat).body).toEqual({
      contents: [
        { role: "user", parts: [{ text: "a" }, { text: "b" }] },
        { role: "model", parts: [{ text: "c" }] },
      ],
      systemInstruction: { parts: [{ text: "Be brief." }] },
    });
  });
});

describe("invalid configuration at run time", () => {
  it("reports a base URL that is not a URL without sending anything", async () => {
    const model = createChatModel({
      provider: "openai-compatible",
      model: "m",
      baseUrl: "localhost:1234 v1",
    });
    await expect(model.invoke("hi")).rejects.toMatchObject({ kind: "network", retryable: false });
    await expect(model.invoke("hi")).rejects.toThrow(
      /is not a valid http\(s\) URL \(e.g. http:\/\/localhost:1234\/v1\)/,
    );
  });
});
