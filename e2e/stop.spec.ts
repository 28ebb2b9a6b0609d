import type { Page } from "@playwright/test";
import { canvas, openChainFile, setKey } from "./app-helpers.ts";
import { type MockProvider, startMockProvider } from "./mock-provider/server.ts";
import { expect, test } from "./fixtures.ts";

let mock: MockProvider;
test.beforeEach(async () => {
  mock = await startMockProvider();
});
test.afterEach(async () => {
  await mock.close();
});

/** One prompt fanned out to two remote models, each with its own parser: two requests in flight at once. */
function twoModels(baseUrl: string) {
  const model = (id: string, name: string, x: number, y: number) => ({
    id,
    type: "model",
    name,
    position: { x, y },
    data: { provider: "openai", model: "gpt-4o-mini", baseUrl },
  });
  const parser = (id: string, name: string, x: number, y: number) => ({
    id,
    type: "parser",
    name,
    position: { x, y },
    data: { parser: "str" },
  });
  return {
    format: "sluice.chain",
    version: 1,
    name: "Two writers",
    nodes: [
      {
        id: "p",
        type: "prompt",
        name: "ask",
        position: { x: 0, y: 120 },
        data: { messages: [{ role: "human", template: "write about {topic}" }] },
      },
      model("m1", "writer_a", 330, 0),
      model("m2", "writer_b", 330, 260),
      parser("t1", "text_a", 660, 0),
      parser("t2", "text_b", 660, 260),
    ],
    edges: [
      { id: "e1", source: "p", target: "m1" },
      { id: "e2", source: "p", target: "m2" },
      { id: "e3", source: "m1", target: "t1" },
      { id: "e4", source: "m2", target: "t2" },
    ],
  };
}

const LONG = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");

/** The page's clock when the user's click on Stop reaches the document (before the app handles it). */
async function recordStopClick(page: Page) {
  await page.evaluate(() => {
    document.addEventListener(
      "click",
      (e) => {
        const target = e.target as HTMLElement | null;
        if (target?.closest("button")?.textContent?.trim() === "Stop")
          (window as unknown as { stopClickedAt: number }).stopClickedAt = Date.now();
      },
      { capture: true },
    );
  });
}

test("Stop closes every in-flight request within 100 ms, marks running nodes cancelled and keeps their text", async ({
  page,
}, info) => {
  // Slow streams: 20 words a second each, so both are mid-stream when Stop is pressed.
  mock.script(
    { provider: "openai", text: LONG, tokens: { chars: 8, perSecond: 20 } },
    { provider: "openai", text: LONG, tokens: { chars: 8, perSecond: 20 } },
  );
  await page.goto("/");
  await openChainFile(page, twoModels(`${mock.url}/v1`), info.outputPath("two.json"), "writer_a");
  await setKey(page, "OpenAI", "sk-test-e2e-0123456789abcdef");
  await recordStopClick(page);

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const writerA = canvas(page).getByRole("group", { name: "writer_a" });
  const writerB = canvas(page).getByRole("group", { name: "writer_b" });
  await expect(writerA.getByLabel("Live output")).toContainText("word3");
  await expect(writerB.getByLabel("Live output")).toContainText("word3");

  await page.getByRole("button", { name: "Stop" }).click();
  const clickedAt = await page.evaluate(() => (window as unknown as { stopClickedAt: number }).stopClickedAt);

  // The connections close: the server sees each client abort, within 100 ms of the click.
  const posts = () => mock.requests.filter((r) => r.method === "POST" && r.path === "/v1/chat/completions");
  await expect.poll(() => posts().filter((r) => r.aborted).length).toBe(2);
  const latencies = posts().map((r) => r.abortedAt! - clickedAt);
  info.annotations.push({ type: "stop latency (ms)", description: latencies.join(", ") });
  for (const ms of latencies) expect(ms, "ms from the click to the connection closing").toBeLessThan(100);

  // Running nodes are cancelled and keep their partial output; nothing streams afterwards.
  for (const node of [writerA, writerB]) {
    await expect(node).toContainText(/cancelled/i);
    await expect(node.getByLabel("Live output")).toContainText("word0 word1 word2");
  }
  const frozen = await writerA.getByLabel("Live output").textContent();
  await page.waitForTimeout(300);
  expect(await writerA.getByLabel("Live output").textContent()).toBe(frozen);
  expect(frozen).not.toContain("word399");
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
});
