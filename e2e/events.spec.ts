import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { node } from "./app-helpers.ts";
import { expect, test } from "./fixtures.ts";

const events = (page: Page) => page.getByRole("region", { name: "Events" });
const list = (page: Page) => events(page).getByRole("listbox", { name: "Event list" });
const rows = (page: Page) => list(page).getByRole("option");

/** Clicks Run and waits for the run to end. */
async function runToEnd(page: Page) {
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeDisabled({ timeout: 30_000 });
}

/** The selected event's JSON, as the detail pane shows it. */
async function eventJson(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await events(page).getByLabel("Event JSON").textContent()) ?? "") as Record<
    string,
    unknown
  >;
}

/** Runs the joke example (the app opens on it) to the end; returns the number of events. */
async function runJoke(page: Page): Promise<number> {
  await page.goto("/");
  await runToEnd(page);
  const text = await events(page)
    .getByText(/^[\d,]+ events$/)
    .textContent();
  const total = count(text);
  expect(total).toBeGreaterThan(100);
  return total;
}

/** The leading number of "1,234 events" or "12 of 1,234 events", as the panel formats it. */
const count = (text: string | null) => Number(/^([\d,]+)/.exec(text ?? "")?.[1]?.replaceAll(",", ""));
const formatted = (n: number) => n.toLocaleString("en-US");

/** "12 of 590 events" → 12. */
async function shownCount(page: Page, total: number): Promise<number> {
  const counter = events(page).getByText(new RegExp(`^[\\d,]+ of ${formatted(total)} events$`));
  await expect(counter).toBeVisible();
  return count(await counter.textContent());
}

async function everyRowContains(page: Page, text: string, contains = true) {
  const texts = await rows(page).allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts)
    expect(t.includes(text), `${t} ${contains ? "has" : "lacks"} ${text}`).toBe(contains);
}

test("the events list follows the run and shows every node's events", async ({ page }) => {
  const total = await runJoke(page);
  // It followed the stream: the run's last event is on screen without scrolling.
  await expect(rows(page).last()).toContainText("on_chain_end");
  await expect(rows(page).last()).toBeInViewport();
  // Node by node, through the canvas selection, with the chip that clears it.
  for (const name of ["Prompt", "Model", "Parser"]) {
    await node(page, name).click();
    const chip = events(page).getByRole("button", { name: `Node: ${name}, clear` });
    await expect(chip).toBeVisible();
    expect(await shownCount(page, total)).toBeGreaterThan(1);
    await everyRowContains(page, name);
    await chip.click();
    await expect(events(page).getByText(`${formatted(total)} events`, { exact: true })).toBeVisible();
  }
  // The keyboard reaches both ends of a long list: Home scrolls to the first event.
  await list(page).focus();
  await list(page).press("Home");
  await expect(events(page).getByRole("option", { selected: true })).toContainText("on_chain_start");
  await expect(events(page).getByRole("option", { selected: true })).toBeInViewport();
  await list(page).press("End");
  await expect(events(page).getByRole("option", { selected: true })).toContainText("on_chain_end");
});

test("filters and search narrow the events; a selected event shows its JSON", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const total = await runJoke(page);
  await events(page)
    .getByRole("button", { name: /^Filters/ })
    .click();
  await events(page).getByRole("group", { name: "Run type" }).getByRole("button", { name: "parser" }).click();
  const parsers = await shownCount(page, total);
  expect(parsers).toBeLessThan(total);
  await page.keyboard.press("Escape");
  await everyRowContains(page, "on_parser_");
  await events(page).getByRole("button", { name: "Include type: parser, remove" }).click();
  await expect(events(page).getByText(`${formatted(total)} events`, { exact: true })).toBeVisible();

  await events(page).getByRole("searchbox", { name: "Search events" }).fill("talking");
  const found = await shownCount(page, total);
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(parsers);
  await events(page).getByRole("searchbox", { name: "Search events" }).fill("");
  await expect(events(page).getByText(`${formatted(total)} events`, { exact: true })).toBeVisible();

  // The model's end event (one of a kind, 3rd from the end). Select the row above it first: the
  // 5th from the end, at the top of the list where it rests after the run. Opening the detail
  // halves the list's height, and the selected row must stay on screen.
  const row = rows(page).filter({ hasText: "on_chat_model_end" });
  const position = Number(await row.getAttribute("aria-posinset"));
  expect(position).toBe(total - 2);
  const higher = list(page).locator(`[aria-posinset="${total - 4}"]`);
  await expect(higher).toBeInViewport({ ratio: 0.9 });
  await higher.click();
  const selected = events(page).getByRole("option", { selected: true });
  await expect(selected).toHaveAttribute("aria-posinset", String(total - 4));
  await expect(events(page).getByLabel("Event JSON")).toBeVisible();
  await expect(selected).toBeInViewport({ ratio: 0.9 });
  await list(page).press("ArrowDown");
  await list(page).press("ArrowDown");
  await expect(selected).toContainText("on_chat_model_end");
  await expect(selected).toBeInViewport({ ratio: 0.9 });
  const json = await eventJson(page);
  expect(json).toMatchObject({
    event: "on_chat_model_end",
    name: "ScriptedChatModel",
    metadata: { node_id: "model" },
  });
  expect(typeof json.t).toBe("number");
  await events(page).getByRole("button", { name: "Copy" }).click();
  await expect(events(page).getByText("Copied")).toBeVisible();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(json);
  await list(page).press("ArrowUp");
  await expect(selected).toHaveAttribute("aria-posinset", String(position - 1));
});

test("Download NDJSON writes every event, or the filtered ones, one JSON object a line", async ({
  page,
}, info) => {
  const total = await runJoke(page);
  const download = page.waitForEvent("download");
  await events(page).getByRole("button", { name: "Download NDJSON (all)" }).click();
  const file = info.outputPath("events.ndjson");
  await (await download).saveAs(file);
  const lines = (await readFile(file, "utf8")).trimEnd().split("\n");
  expect(lines).toHaveLength(total);
  const parsed = lines.map((l) => JSON.parse(l) as { t: number; event: string; data: unknown });
  expect(parsed[0]).toMatchObject({ event: "on_chain_start" });
  expect(parsed.at(-1)).toMatchObject({ event: "on_chain_end" });
  for (const [i, e] of parsed.entries()) if (i > 0) expect(e.t).toBeGreaterThanOrEqual(parsed[i - 1]!.t);

  await events(page).getByRole("searchbox", { name: "Search events" }).fill("talking");
  const found = await shownCount(page, total);
  const filtered = page.waitForEvent("download");
  await events(page)
    .getByRole("button", { name: `Download NDJSON (${formatted(found)} shown)` })
    .click();
  const file2 = info.outputPath("filtered.ndjson");
  await (await filtered).saveAs(file2);
  const some = (await readFile(file2, "utf8")).trimEnd().split("\n");
  expect(some).toHaveLength(found);
  for (const l of some) expect(l.toLowerCase()).toContain("talking");
});

test("scrolling up while streaming stops following; Jump to latest resumes it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  // The model streams for about five seconds: scroll up once there is somewhere to scroll.
  await expect(rows(page).filter({ hasText: "on_parser_stream" }).first()).toBeVisible();
  await expect
    .poll(async () => Number(await rows(page).last().getAttribute("aria-posinset")))
    .toBeGreaterThan(60);
  await list(page).hover();
  await page.mouse.wheel(0, -100_000);
  const jump = events(page).getByRole("button", { name: "Jump to latest" });
  await expect(jump).toBeVisible();
  // Not following: the first events stay on screen while more arrive.
  const top = rows(page).filter({ hasText: "on_chain_start" });
  await expect(top).toBeInViewport();
  await page.waitForTimeout(500);
  await expect(top).toBeInViewport();
  await jump.click();
  await expect(jump).toBeHidden();
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeDisabled({ timeout: 30_000 });
  await expect(rows(page).last()).toContainText("on_chain_end");
  await expect(rows(page).last()).toBeInViewport();
});

test("the run form's Events radios choose the schema: v1 events carry no parent_ids", async ({ page }) => {
  const lastEventJson = async () => {
    await list(page).focus();
    await list(page).press("End");
    await expect(events(page).getByRole("option", { selected: true })).toContainText("on_chain_end");
    return eventJson(page);
  };
  await page.goto("/");
  const schema = page.getByRole("group", { name: "Events" });
  await expect(schema.getByRole("radio", { name: "v2" })).toBeChecked();
  // The radios are visually hidden; the user clicks their labels.
  await schema.getByText("v1", { exact: true }).click();
  await expect(schema.getByRole("radio", { name: "v1" })).toBeChecked();
  await runToEnd(page);
  expect((await lastEventJson()).parent_ids).toBeUndefined();
  // The keyboard moves between the two, like any radio group.
  await schema.getByRole("radio", { name: "v1" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(schema.getByRole("radio", { name: "v2" })).toBeChecked();
  await runToEnd(page);
  expect((await lastEventJson()).parent_ids).toEqual([]);
});
