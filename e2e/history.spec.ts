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

const KEY = "sk-test-history-0123456789abcdef";
const PARROT_JOKE =
  "Why did the parrot join the band? Because it already knew every cover song by heart, and then some more.";
const PENGUIN_JOKE =
  "Why do penguins never get lost? Because they always stick together in a big tuxedo party on the ice.";

/**
 * The joke example (prompt | model | parser) with its model on the mock OpenAI
 * server, so each topic gets its own joke: the scripted model answers the same whatever the topic.
 */
function jokeOnMock(baseUrl: string) {
  return {
    format: "sluice.chain",
    version: 1,
    name: "Joke",
    nodes: [
      {
        id: "prompt",
        type: "prompt",
        name: "joke_prompt",
        position: { x: 0, y: 0 },
        data: { messages: [{ role: "human", template: "tell me a joke about {topic}" }] },
      },
      {
        id: "model",
        type: "model",
        name: "joke_model",
        position: { x: 340, y: 0 },
        data: { provider: "openai", model: "gpt-4o-mini", baseUrl },
      },
      {
        id: "parser",
        type: "parser",
        name: "joke_text",
        position: { x: 680, y: 0 },
        data: { parser: "str" },
      },
    ],
    edges: [
      { id: "e1", source: "prompt", target: "model" },
      { id: "e2", source: "model", target: "parser" },
    ],
  };
}

/** A fresh page with the joke on the mock OpenAI server open and a key set. */
async function openJokeOnMock(page: Page, file: string) {
  await page.goto("/");
  await openChainFile(page, jokeOnMock(`${mock.url}/v1`), file, "joke_model");
  await setKey(page, "OpenAI", KEY);
}

const parserOutput = (page: Page) =>
  canvas(page).getByRole("group", { name: "joke_text" }).getByLabel("Live output");
const runsList = (page: Page) => page.getByRole("list", { name: "Past runs" });
const banner = (page: Page) => page.getByRole("region", { name: "Past run" });

async function runWith(page: Page, topic: string, joke: string) {
  await page.getByRole("form", { name: "Run inputs" }).getByLabel("topic").fill(topic);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(parserOutput(page)).toHaveText(joke);
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
}

/** The lengths the parser node's text goes through until it reads `full` (sampled every frame). */
async function watchGrowth(page: Page, full: string): Promise<number[]> {
  return page.evaluate(async (full) => {
    const text = () =>
      document.querySelector("[aria-roledescription=node][aria-label=joke_text] [aria-label='Live output']")
        ?.textContent ?? "";
    const seen: number[] = [];
    const until = performance.now() + 10_000;
    while (performance.now() < until) {
      const now = text().length;
      if (seen.at(-1) !== now) seen.push(now);
      if (text() === full) break;
      await new Promise(requestAnimationFrame);
    }
    return seen;
  }, full);
}

test("run history: open an older run, replay it, compare two runs, and find them again after a reload", async ({
  page,
}, info) => {
  // 4 characters per event, 25 events a second: each joke streams for about a second.
  mock.script(
    { provider: "openai", text: PARROT_JOKE, tokens: { chars: 4, perSecond: 25 } },
    { provider: "openai", text: PENGUIN_JOKE, tokens: { chars: 4, perSecond: 25 } },
  );
  await openJokeOnMock(page, info.outputPath("joke.json"));
  await runWith(page, "parrots", PARROT_JOKE);
  await runWith(page, "penguins", PENGUIN_JOKE);

  // Two runs, newest first.
  await page.getByRole("tab", { name: "History" }).click();
  const items = runsList(page).getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText("topic: penguins");
  await expect(items.nth(1)).toContainText("topic: parrots");
  await expect(items.nth(1)).toContainText(/done/i);

  // Open the older one: the canvas and the Output show the parrot joke, under a banner.
  await items
    .nth(1)
    .getByRole("button", { name: /^Open run of/ })
    .click();
  await expect(banner(page)).toContainText(/Viewing run of \d\d:\d\d:\d\d/);
  await expect(parserOutput(page)).toHaveText(PARROT_JOKE);
  await page.getByRole("tab", { name: "Output" }).click();
  await expect(page.getByLabel("Stream output")).toHaveText(PARROT_JOKE);

  // Replay it at the recorded pace: the text grows as it did, then the run ends as it did.
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByLabel("Replay speed")).toHaveValue("1");
  await items
    .nth(1)
    .getByRole("button", { name: /^Replay run of/ })
    .click();
  await expect(banner(page)).toContainText("Replaying run of");
  const lengths = await watchGrowth(page, PARROT_JOKE);
  expect(lengths.at(-1)).toBe(PARROT_JOKE.length);
  expect(lengths.filter((n) => n > 0 && n < PARROT_JOKE.length).length).toBeGreaterThanOrEqual(3);
  await expect(banner(page)).toContainText("Viewing run of");
  await expect(canvas(page).getByRole("group", { name: "joke_text" })).toContainText(/done/i);

  // Compare the two runs: inputs and outputs side by side, differences marked.
  await items
    .nth(0)
    .getByRole("checkbox", { name: /^Compare run of/ })
    .check();
  await items
    .nth(1)
    .getByRole("checkbox", { name: /^Compare run of/ })
    .check();
  await page.getByRole("button", { name: /^Compare/ }).click();
  const dialog = page.getByRole("dialog", { name: "Compare runs" });
  const input = dialog.getByRole("region", { name: "Input" });
  await expect(input.locator("del")).toHaveText("parrots");
  await expect(input.locator("ins")).toHaveText("penguins");
  const output = dialog.getByRole("region", { name: "Output" });
  await expect(output.getByLabel(/^Output, Run of/).first()).toHaveText(PARROT_JOKE);
  await expect(output.getByLabel(/^Output, Run of/).last()).toHaveText(PENGUIN_JOKE);
  await expect(output.locator("ins").first()).toBeVisible();
  await expect(dialog.getByRole("region", { name: "joke_text" })).toContainText("differs");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // Back to the live run: the newest joke again.
  await banner(page).getByRole("button", { name: "Back to live" }).click();
  await expect(banner(page)).toBeHidden();
  await expect(parserOutput(page)).toHaveText(PENGUIN_JOKE);

  // The history survives a reload, and the key was never stored with it.
  await page.reload();
  await page.getByRole("tab", { name: "History" }).click();
  await expect(runsList(page).getByRole("listitem")).toHaveCount(2);
  await expect(runsList(page).getByRole("listitem").nth(1)).toContainText("topic: parrots");
  const stored = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open("sluice");
        open.onerror = () => reject(new Error("cannot open the database"));
        open.onsuccess = () => {
          const all = open.result.transaction("runs").objectStore("runs").getAll();
          all.onsuccess = () => resolve(JSON.stringify(all.result));
        };
      }),
  );
  expect(stored).toContain("penguins");
  expect(stored).not.toContain(KEY);
});

test("Stop ends a replay where it is; a new run ends the viewing", async ({ page }, info) => {
  mock.script({ provider: "openai", text: PARROT_JOKE, tokens: { chars: 4, perSecond: 25 } });
  await openJokeOnMock(page, info.outputPath("joke.json"));
  await runWith(page, "parrots", PARROT_JOKE);

  await page.getByRole("tab", { name: "History" }).click();
  await runsList(page)
    .getByRole("button", { name: /^Replay run of/ })
    .click();
  await expect(banner(page)).toContainText("Replaying run of");
  await expect(parserOutput(page)).toHaveText(/\S/);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(canvas(page).getByRole("group", { name: "joke_text" })).toContainText(/cancelled/i);
  const partial = (await parserOutput(page).textContent()) ?? "";
  expect(partial.length).toBeLessThan(PARROT_JOKE.length);
  expect(PARROT_JOKE.startsWith(partial)).toBe(true);
  await expect(banner(page)).toContainText("Viewing run of");

  // A new live run (the mock answers with its default text) ends the viewing.
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(banner(page)).toBeHidden();
  await expect(parserOutput(page)).toHaveText("Hello from the mock openai.");
  await expect(runsList(page).getByRole("listitem")).toHaveCount(2);
});

test("opening another chain leaves the past run: no banner, no output of the other chain", async ({
  page,
}, info) => {
  mock.script({ provider: "openai", text: PARROT_JOKE, tokens: { chars: 20, perSecond: 50 } });
  await openJokeOnMock(page, info.outputPath("joke.json"));
  await runWith(page, "parrots", PARROT_JOKE);
  await page.getByRole("tab", { name: "History" }).click();
  await runsList(page)
    .getByRole("button", { name: /^Open run of/ })
    .click();
  await expect(banner(page)).toContainText("Viewing run of");

  // The same chain again, opened as a new one: its node ids are the ones the past run showed.
  await openChainFile(page, jokeOnMock(`${mock.url}/v1`), info.outputPath("joke-2.json"), "joke_model");
  await expect(banner(page)).toBeHidden();
  await expect(parserOutput(page)).toBeHidden();
  await page.getByRole("tab", { name: "Output" }).click();
  await expect(page.getByRole("status", { name: "Run status" })).toHaveText("Not run yet");
  await page.getByRole("tab", { name: "History" }).click();
  await expect(runsList(page)).toBeHidden();
});
