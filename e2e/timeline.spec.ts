import type { Page } from "@playwright/test";
import { node } from "./app-helpers.ts";
import { expect, test } from "./fixtures.ts";

const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });
const runs = (page: Page) => timeline(page).getByRole("tree", { name: "Runs" });
const row = (page: Page, name: string) => runs(page).getByRole("treeitem", { name, exact: true });
/** The rows' accessible names, in order. */
const rowNames = (page: Page) =>
  runs(page)
    .getByRole("treeitem")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-label")));
const visibleRange = (page: Page) => timeline(page).getByRole("status", { name: "Visible range" });
/** Milliseconds of the visible range's end, read off "0 ms – 5.31 s". */
async function rangeSpan(page: Page): Promise<number> {
  const text = (await visibleRange(page).textContent()) ?? "";
  const [start, end] = text.split("–").map((part) => {
    const value = Number.parseFloat(part);
    return part.trim().endsWith(" s") ? value * 1000 : value;
  });
  return end! - start!;
}

async function runJoke(page: Page) {
  await page.goto("/");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  // The sequence's row says "took" once the whole run has ended.
  await expect(row(page, "RunnableSequence")).toHaveAttribute("aria-description", /took/, {
    timeout: 20_000,
  });
}

test("the timeline shows a row per run of the joke example, nested under the sequence", async ({ page }) => {
  await runJoke(page);
  await expect.poll(() => rowNames(page)).toEqual(["RunnableSequence", "Prompt", "Model", "Parser"]);
  await expect(row(page, "Model")).toHaveAttribute("aria-level", "2");
  await expect(row(page, "Model")).toHaveAttribute("aria-description", /\d+ chunks, first token after/);

  // Hovering the model's bar tells its facts.
  const box = (await row(page, "Model").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  const tooltip = page.getByRole("tooltip");
  await expect(tooltip).toContainText("Model");
  await expect(tooltip).toContainText("TTFT");
  await expect(tooltip).toContainText("chunks");
});

test("clicking a bar selects its run; the selection shows on the row", async ({ page }) => {
  await runJoke(page);
  const model = row(page, "Model");
  await expect(model).toHaveAttribute("aria-selected", "false");
  const box = (await model.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
  await expect(model).toHaveAttribute("aria-selected", "true");
  await expect(row(page, "Parser")).toHaveAttribute("aria-selected", "false");
  // The name selects the run's start too.
  await row(page, "Parser").getByText("Parser").click();
  await expect(row(page, "Parser")).toHaveAttribute("aria-selected", "true");
  await expect(model).toHaveAttribute("aria-selected", "false");
});

test("zoom buttons, keys and Ctrl+wheel change the visible range; Fit restores it", async ({ page }) => {
  await runJoke(page);
  const whole = await rangeSpan(page);
  await timeline(page).getByRole("button", { name: "Zoom in" }).click();
  const zoomed = await rangeSpan(page);
  expect(zoomed).toBeLessThan(whole * 0.8);
  await timeline(page).getByRole("button", { name: "Zoom out" }).click();
  expect(await rangeSpan(page)).toBeCloseTo(whole, -1);
  await expect(timeline(page).getByRole("button", { name: "Fit" })).toHaveAttribute("aria-pressed", "true");

  await runs(page).focus();
  await page.keyboard.press("+");
  await page.keyboard.press("+");
  expect(await rangeSpan(page)).toBeLessThan(zoomed);
  await page.keyboard.press("0");
  expect(await rangeSpan(page)).toBeCloseTo(whole, -1);

  const box = (await row(page, "Model").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -400);
  await page.keyboard.up("Control");
  await expect.poll(() => rangeSpan(page)).toBeLessThan(whole * 0.8);
});

test("selecting a node on the canvas filters the timeline to its runs", async ({ page }) => {
  await runJoke(page);
  await node(page, "Model").click();
  await expect.poll(() => rowNames(page)).toEqual(["Model"]);
  const note = timeline(page).getByRole("status").filter({ hasText: "Filtered to Model" });
  await expect(note).toBeVisible();
  await note.getByRole("button", { name: "Show all" }).click();
  await expect(runs(page).getByRole("treeitem")).toHaveCount(4);
});
