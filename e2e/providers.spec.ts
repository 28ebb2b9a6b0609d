import { type MockProvider, startMockProvider } from "./mock-provider/server.ts";
import { canvas, openChainFile, setKey } from "./app-helpers.ts";
import { expect, test } from "./fixtures.ts";

let mock: MockProvider;
test.beforeEach(async () => {
  mock = await startMockProvider();
});
test.afterEach(async () => {
  await mock.close();
});

function chain(provider: "openai" | "anthropic", baseUrl: string) {
  return {
    format: "sluice.chain",
    version: 1,
    name: `Remote ${provider}`,
    nodes: [
      {
        id: "p",
        type: "prompt",
        name: "ask",
        position: { x: 0, y: 0 },
        data: { messages: [{ role: "human", template: "tell me about {topic}" }] },
      },
      {
        id: "m",
        type: "model",
        name: "remote_model",
        position: { x: 330, y: 0 },
        data: { provider, model: provider === "openai" ? "gpt-4o-mini" : "claude-sonnet-4-5", baseUrl },
      },
      { id: "o", type: "parser", name: "text", position: { x: 660, y: 0 }, data: { parser: "str" } },
    ],
    edges: [
      { id: "e1", source: "p", target: "m" },
      { id: "e2", source: "m", target: "o" },
    ],
  };
}

test("a model node streams from the provider's API straight from the browser (real fetch, real preflight)", async ({
  page,
}, info) => {
  mock.script({
    provider: "openai",
    text: "Parrots are clever birds that can mimic speech.",
    tokens: { chars: 4, perSecond: 60 },
  });
  await page.goto("/");
  await openChainFile(
    page,
    chain("openai", `${mock.url}/v1`),
    info.outputPath("openai.json"),
    "remote_model",
  );
  await setKey(page, "OpenAI", "sk-test-e2e-0123456789abcdef");
  await page.getByRole("button", { name: "Run", exact: true }).click();

  const model = canvas(page).getByRole("group", { name: "remote_model" });
  const live = model.getByLabel("Live output");
  // Progressive: a partial text is seen before the whole answer.
  await expect(live).toContainText("Parrots");
  await expect(live).toHaveText("Parrots are clever birds that can mimic speech.");
  await expect(model).toContainText(/done/i);

  const posts = mock.requests.filter((r) => r.path === "/v1/chat/completions" && r.method === "POST");
  expect(posts).toHaveLength(1);
  expect(posts[0]!.headers.authorization).toBe("Bearer sk-test-e2e-0123456789abcdef");
  expect(posts[0]!.headers.origin).toMatch(/^http:\/\/127\.0\.0\.1:/);
  expect((posts[0]!.body as { stream: boolean }).stream).toBe(true);
});

test.describe("provider failures", () => {
  // The browser logs the provider's HTTP 500 itself; that error is the point of this test.
  test.use({ allowedConsoleErrors: [/status of 500/] });

  test("a provider error marks the right node red; a stream dropped halfway keeps its partial text", async ({
    page,
  }, info) => {
    await page.goto("/");
    await openChainFile(
      page,
      chain("anthropic", `${mock.url}/v1`),
      info.outputPath("anthropic.json"),
      "remote_model",
    );
    await setKey(page, "Anthropic", "sk-ant-test-0123456789abcdef");
    const model = canvas(page).getByRole("group", { name: "remote_model" });

    mock.script(
      { provider: "anthropic", httpError: { status: 500 } },
      { provider: "anthropic", httpError: { status: 500 } },
      { provider: "anthropic", httpError: { status: 500 } },
    );
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(model.getByRole("alert")).toContainText(/Anthropic/i);
    await expect(model.getByRole("alert")).toContainText("500");
    await expect(model).toContainText(/error/i);
    await expect(canvas(page).getByRole("group", { name: "text" })).toContainText(/did not run/i);

    mock.script({
      provider: "anthropic",
      text: "First half of the answer, then nothing more",
      tokens: { chars: 5 },
      abruptClose: { afterChunks: 7 },
    });
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(model.getByRole("alert")).toContainText(/ended|early/i);
    await expect(model.getByLabel("Live output")).toContainText("First");
    await expect(model).toContainText(/error/i);
  });
});
