import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "../../e2e/mock-provider/server.ts";
import { chain, jsonLines, runCli, tempFolder } from "./testing.ts";

// The real CLI against the local mock provider: a model node whose baseUrl points at the mock.
const OPENAI_KEY = "sk-test-0123456789abcdefSECRET";
const ANTHROPIC_KEY = "sk-ant-test-abcdefghijklmnopSECRET";
const tmp = tempFolder();
let mock: MockProvider;
let openaiDoc: string;
let anthropicDoc: string;

beforeAll(async () => {
  mock = await startMockProvider({ apiKeys: { openai: OPENAI_KEY, anthropic: ANTHROPIC_KEY } });
  const doc = (provider: string, baseUrl: string) =>
    chain(
      "Remote",
      [
        { id: "p", type: "prompt", data: { messages: [{ role: "human", template: "Say hello to {name}" }] } },
        {
          id: "m",
          type: "model",
          name: "greeter",
          data: { provider, model: "test-model", baseUrl, params: { temperature: 0 } },
        },
        { id: "o", type: "parser", data: { parser: "str" } },
      ],
      [
        { source: "p", target: "m" },
        { source: "m", target: "o" },
      ],
    );
  openaiDoc = tmp.write("openai.json", doc("openai", `${mock.url}/v1`));
  anthropicDoc = tmp.write("anthropic.json", doc("anthropic", `${mock.url}/v1`));
});
afterAll(async () => {
  await mock.close();
  tmp.cleanup();
});
beforeEach(() => mock.reset());

const INPUT = ["--input", '{"name":"Ada"}'];
const keys = { OPENAI_API_KEY: OPENAI_KEY, ANTHROPIC_API_KEY: ANTHROPIC_KEY };

function expectNoKeys(...texts: string[]) {
  for (const text of texts) {
    expect(text).not.toContain(OPENAI_KEY);
    expect(text).not.toContain(ANTHROPIC_KEY);
    expect(text).not.toContain("SECRET");
  }
}

describe("sluice run against the mock provider", { timeout: 60_000 }, () => {
  it("streams an OpenAI answer chunk by chunk, sending the key from the environment but never printing it", async () => {
    mock.script({ text: "Hello Ada, nice to meet you.", delayMs: 5 });
    const r = await runCli(["run", openaiDoc, ...INPUT, "--mode", "stream"], { env: keys });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const chunks = jsonLines(r.stdout) as string[];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join("")).toBe("Hello Ada, nice to meet you.");
    expect(mock.requests[0]!.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(mock.requests[0]!.body).toMatchObject({ model: "test-model", stream: true, temperature: 0 });
    expectNoKeys(r.stdout, r.stderr);
  });

  it("prints events without the key and with the model's metadata", async () => {
    mock.script({ text: "Hi Ada." });
    const r = await runCli(["run", anthropicDoc, ...INPUT, "--mode", "events"], { env: keys });
    expect(r.code).toBe(0);
    const events = jsonLines(r.stdout) as {
      event: string;
      name: string;
      metadata: Record<string, unknown>;
      data: { output: Record<string, unknown> };
    }[];
    const end = events.find((e) => e.event === "on_chat_model_end")!;
    expect(end.name).toBe("greeter");
    expect(end.metadata).toMatchObject({ node_id: "m", ls_model_name: "test-model" });
    // Anthropic's own stop reason, as the provider reports it.
    expect(end.data.output).toMatchObject({
      type: "ai",
      content: "Hi Ada.",
      response_metadata: { finish_reason: "end_turn" },
    });
    expect(end.data.output.usage_metadata).toMatchObject({ input_tokens: expect.any(Number) });
    expect(mock.requests[0]!.headers["x-api-key"]).toBe(ANTHROPIC_KEY);
    expectNoKeys(r.stdout, r.stderr);
  });

  it("exits 1 on an HTTP 500 with one line naming node, provider and status", async () => {
    // The first attempt and both retries fail.
    const fault = {
      httpError: { status: 500, message: "The server had an error while processing your request." },
    };
    mock.script(fault, fault, fault);
    const r = await runCli(["run", openaiDoc, ...INPUT, "--mode", "stream"], { env: keys });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^sluice: run failed at node "greeter" \(id m, provider openai, status 500\): .+/,
    );
    expectNoKeys(r.stderr);
  });

  it("keeps what streamed before a mid-stream failure, then exits 1", async () => {
    mock.script({
      text: "one two three four five six",
      streamError: { afterChunks: 4, message: "overloaded" },
    });
    const r = await runCli(["run", openaiDoc, ...INPUT, "--mode", "stream"], { env: keys });
    expect(r.code).toBe(1);
    expect((jsonLines(r.stdout) as string[]).join("")).toMatch(/^one two/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^sluice: run failed at node "greeter" \(id m, provider openai.*\): .*overloaded/,
    );
  });

  it("never prints a wrong key either", async () => {
    const wrong = "sk-wrong-9876543210zyxwvuSECRET";
    const r = await runCli(["run", openaiDoc, ...INPUT], { env: { OPENAI_API_KEY: wrong } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/provider openai, status 401\)/);
    expect(r.stderr).not.toContain(wrong);
    expectNoKeys(r.stdout, r.stderr);
  });
});
