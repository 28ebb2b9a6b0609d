import type { Locator, Page } from "@playwright/test";
import { chainButton, node, nodes } from "./app-helpers.ts";
import { expect, test } from "./fixtures.ts";

// Live nodes, the Output tab, usage and cost, over every example in examples/ (all offline).

const output = (page: Page) => page.getByRole("region", { name: "Output" });
const runStatus = (page: Page) => output(page).getByLabel("Run status");

async function openExample(page: Page, name: string) {
  await page.goto("/");
  await chainButton(page, "Joke").click();
  await page
    .getByRole("list", { name: "Examples" })
    .getByRole("button", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) })
    .click();
  await expect(page.getByRole("banner")).toContainText(name);
}

/**
 * Watches a node's live output from inside the page, every frame, until the node is done: returns
 * each distinct text it showed, with the node's status at the time.
 */
function watchNode(page: Page, name: string): Promise<{ text: string; status: string }[]> {
  return page.evaluate(async (name) => {
    const seen: { text: string; status: string }[] = [];
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      const el = document.querySelector(`[aria-roledescription="node"][aria-label="${name}"]`);
      const status = el?.querySelector("[data-status]")?.getAttribute("data-status") ?? "idle";
      const text = el?.querySelector('[aria-label="Live output"]')?.textContent ?? "";
      if (text && seen.at(-1)?.text !== text) seen.push({ text, status });
      if (status === "done" || status === "error") break;
      await new Promise((r) => requestAnimationFrame(r));
    }
    return seen;
  }, name);
}

async function expectEveryNodeDone(page: Page) {
  const all = nodes(page);
  const count = await all.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(all.nth(i).locator("[data-status]")).toHaveAttribute("data-status", "done");
  }
}

interface ExampleCase {
  name: string;
  /** The run input typed into the Output tab, when the default is not what the example wants. */
  input?: { label: string; value: string };
  /** The node to watch stream; undefined when nothing streams (one chunk at the end). */
  watch?: string;
  /** What stream() yields, as the Output tab counts it. */
  chunks: RegExp;
}

const EXAMPLES: ExampleCase[] = [
  { name: "Joke", watch: "Parser", chunks: /^\d{2,} chunks$/ },
  { name: "Countries as streaming JSON", watch: "Parser", chunks: /^\d{2,} chunks$/ },
  { name: "Extract country names (generator)", watch: "Model", chunks: /^3 chunks$/ },
  { name: "Extract country names (plain function)", watch: "Model", chunks: /^1 chunk$/ },
  {
    name: "Event filters",
    input: { label: "countries", value: "france, spain and japan" },
    watch: "my_parser",
    chunks: /^\d{2,} chunks$/,
  },
  { name: "Nested steps in one lambda", input: { label: "input", value: "1234" }, chunks: /^1 chunk$/ },
  {
    name: "Retrieval",
    input: { label: "input", value: "where did harrison work?" },
    watch: "Model",
    chunks: /^\d{2,} chunks$/,
  },
];

for (const ex of EXAMPLES) {
  test(`${ex.name}: text appears progressively on the nodes, and every node ends done`, async ({ page }) => {
    await openExample(page, ex.name);
    if (ex.input) await output(page).getByRole("textbox", { name: ex.input.label }).fill(ex.input.value);
    const watched = ex.watch ? watchNode(page, ex.watch) : Promise.resolve([]);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(runStatus(page)).toHaveText("Done", { timeout: 30_000 });
    if (ex.watch) {
      const states = await watched;
      const streaming = states.filter((s) => s.status === "streaming");
      expect(streaming.length, `${ex.watch} showed its text growing`).toBeGreaterThanOrEqual(3);
    }
    await expectEveryNodeDone(page);
    await expect(output(page).getByLabel("Chunk count")).toHaveText(ex.chunks);
    if (ex.name === "Nested steps in one lambda") {
      await expect(output(page).getByLabel("Stream output")).toHaveText("43214321");
    }
  });
}

test("the joke's parser grows token by token; bars, usage and a cost once priced", async ({ page }) => {
  await openExample(page, "Joke");
  const watched = watchNode(page, "Parser");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const states = await watched;
  const intermediate = states.filter((s) => s.status === "streaming").map((s) => s.text);
  expect(new Set(intermediate).size).toBeGreaterThanOrEqual(3);
  // Each state extends the one before: the text grows, it is not replaced. The box draws a tail
  // (512 characters while it follows), so once the joke is longer the start slides forward: what
  // the box showed before, less what scrolled off its start, begins the new state.
  for (let i = 1; i < intermediate.length; i++) {
    const before = intermediate[i - 1]!;
    const after = intermediate[i]!;
    const kept = [...before].some((_, k) => after.startsWith(before.slice(k)) && before.length - k >= 256);
    expect(after.startsWith(before) || kept, `state ${i} does not continue state ${i - 1}`).toBe(true);
  }
  await expect(runStatus(page)).toHaveText("Done");
  const parserText = node(page, "Parser").getByLabel("Live output");
  await expect(parserText).toContainText("talking parrot");
  await expect(parserText).not.toContainText("|");
  // What is on screen is the text itself: no line breaks of our own where blocks of the tail meet.
  const onScreen = await parserText.evaluate((el) => ({
    rendered: (el as HTMLElement).innerText,
    text: el.textContent ?? "",
  }));
  expect(onScreen.rendered.trimEnd()).toBe(onScreen.text.trimEnd());

  // The chunk-boundary toggle draws bars on the nodes and in the Output tab.
  await output(page).getByRole("checkbox", { name: "Show chunk boundaries" }).check();
  await expect(parserText).toContainText("|");
  await expect(output(page).getByLabel("Stream output")).toContainText("|");

  // Metrics: time to first token (the parser's from the run's start, said so), tokens on the model.
  const modelMetrics = node(page, "Model").getByRole("list", { name: "Metrics" });
  await expect(modelMetrics).toContainText(/TTFT \d+ ms/);
  await expect(modelMetrics).toContainText(/\d+ → \d+ tok/);
  await expect(node(page, "Parser").getByRole("list", { name: "Metrics" })).toContainText(
    /1st token @ \d+ ms/,
  );

  // Usage: tokens, no price yet.
  const usage = output(page).getByRole("region", { name: "Usage and cost" });
  await expect(usage).toContainText(/Tokens \d+ in · \d+ out/);
  const [, input, out] = /Tokens (\d+) in · (\d+) out/.exec((await usage.textContent()) ?? "")!;
  await expect(usage.getByRole("button", { name: /No price for scripted/ })).toBeVisible();

  // The "no price" link opens Settings at Prices; a price for the scripted model gives a cost.
  await usage.getByRole("button", { name: /No price for scripted/ }).click();
  const settings = page.getByRole("dialog", { name: "Settings" });
  const prices = settings.getByRole("region", { name: "Prices" });
  await expect(prices).toBeFocused();
  await prices.getByRole("button", { name: "Set a price for scripted" }).click();
  const form = prices.getByRole("form", { name: "Add a model price" });
  await expect(form.getByRole("textbox", { name: "Model" })).toHaveValue("scripted");
  await form.getByRole("textbox", { name: "Input $/1M" }).fill("1000");
  await form.getByRole("textbox", { name: "Output $/1M" }).fill("2000");
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(prices.getByRole("textbox", { name: "Input price of scripted" })).toHaveValue("1000");
  await settings.getByRole("button", { name: "Close" }).click();

  const dollars = (Number(input) * 1000 + Number(out) * 2000) / 1_000_000;
  const shown = dollars >= 1 ? dollars.toFixed(2) : dollars.toFixed(4);
  await expect(usage).toContainText(`$${shown} (estimate)`);
  await expect(modelMetrics).toContainText(`$${shown}`);

  // The price is a setting: it survives a reload.
  await page.reload();
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(
    page.getByRole("dialog", { name: "Settings" }).getByRole("textbox", { name: "Output price of scripted" }),
  ).toHaveValue("2000");
});

test("selecting an event rings its node on the canvas", async ({ page }) => {
  await openExample(page, "Joke");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(runStatus(page)).toHaveText("Done", { timeout: 30_000 });
  await expect(node(page, "Model").locator("[data-highlighted]")).toHaveCount(0);
  await page
    .getByRole("region", { name: "Events" })
    .getByRole("option")
    .filter({ hasText: "on_chat_model_stream" })
    .first()
    .click();
  await expect(node(page, "Model").locator("[data-highlighted]")).toHaveCount(1);
  await expect(node(page, "Parser").locator("[data-highlighted]")).toHaveCount(0);
});

/** A chain whose model streams 1 MB in 1,000 chunks of 1,000 characters (ten lines each). */
function megabyteChain(): string {
  const line =
    "The quick brown fox jumps over the lazy dog, again and again, for a whole megabyte of text.  \n";
  const chunks = Array.from({ length: 1_000 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => `${String(i * 10 + j).padStart(5, "0")} ${line}`.slice(0, 100)).join(
      "",
    ),
  );
  return JSON.stringify({
    format: "sluice.chain",
    version: 1,
    name: "Megabyte",
    nodes: [
      {
        id: "model",
        type: "model",
        position: { x: 0, y: 0 },
        data: {
          provider: "scripted",
          model: "scripted",
          script: { responses: [chunks], tokensPerSecond: 100 },
        },
      },
      { id: "parser", type: "parser", position: { x: 340, y: 0 }, data: { parser: "str" } },
    ],
    edges: [{ id: "e1", source: "model", target: "parser" }],
  });
}

async function longestFrameGap(page: Page, whileTrue: () => Promise<boolean>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __gap: number; __last: number; __on: boolean };
    w.__gap = 0;
    w.__last = performance.now();
    w.__on = true;
    const tick = (t: number) => {
      w.__gap = Math.max(w.__gap, t - w.__last);
      w.__last = t;
      if (w.__on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  while (await whileTrue()) await page.waitForTimeout(100);
  return page.evaluate(() => {
    const w = window as unknown as { __gap: number; __on: boolean };
    w.__on = false;
    return w.__gap;
  });
}

test("a 1 MB stream stays responsive: a tail on the node, scrolling holds, the whole on demand", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto("/");
  await page.getByLabel("Chain file").setInputFiles({
    name: "megabyte.json",
    mimeType: "application/json",
    buffer: Buffer.from(megabyteChain()),
  });
  await expect(node(page, "Parser")).toBeVisible();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const live: Locator = node(page, "Parser").getByLabel("Live output");
  await expect(node(page, "Parser")).toContainText(/Showing the last [\d,]+ of [\d,]+ characters/, {
    timeout: 20_000,
  });

  // The user scrolls the node's output up with the wheel: the stream must not pull it back down.
  await live.hover();
  await page.mouse.wheel(0, -100_000);
  await expect.poll(() => live.evaluate((el) => el.scrollTop)).toBeLessThan(50);

  const gap = await longestFrameGap(page, async () => (await runStatus(page).textContent()) !== "Done");
  console.log(`1 MB stream: longest frame gap ${Math.round(gap)} ms`);
  // The page kept painting while it streamed: no frame took a second (the tail-length check below is the precise one).
  expect(gap).toBeLessThan(1000);

  const length = await live.evaluate((el) => el.textContent?.length ?? 0);
  // Scrolled up, the box keeps the text the user was reading (its tail is pinned, and once it holds
  // 64 K characters it stops growing rather than drop any), still a small part of the megabyte,
  // and it stays where the user left it.
  expect(length).toBeLessThan(70_000);
  // Whether the stream ended within those 64 K characters depends on timing: either way, the note
  // says exactly which part is shown (text-tail.test.ts checks the holding still).
  await expect(node(page, "Parser")).toContainText(
    /Showing (the last [\d,]+|characters [\d,]+–[\d,]+) of 1,000,000/,
  );
  expect(await live.evaluate((el) => el.scrollTop)).toBeLessThan(50);

  // Back at the bottom, it follows again and draws only a short tail.
  await live.hover();
  await page.mouse.wheel(0, 1_000_000);
  await expect.poll(() => live.evaluate((el) => el.textContent?.length ?? 0)).toBeLessThan(10_000);
  expect(await live.evaluate((el) => el.textContent?.trimEnd().endsWith("megabyte of text."))).toBe(true);

  // The whole text on demand.
  // By keyboard: the minimap may overlap the node's corner at this window size.
  await node(page, "Parser").getByRole("button", { name: "Show all" }).press("Enter");
  const dialog = page.getByRole("dialog", { name: "Output of Parser" });
  await expect(dialog).toContainText("1,000,000 characters");
  await dialog.getByRole("button", { name: "Close" }).click();
});
