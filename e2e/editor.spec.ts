import { readFile, writeFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { canvas, node, nodes } from "./app-helpers.ts";
import { expect, test } from "./fixtures.ts";

/** Drags a palette item onto the canvas at (x, y) relative to the canvas. */
async function dropFromPalette(page: Page, type: string, x: number, y: number) {
  const item = page
    .getByRole("navigation", { name: "Palette" })
    .getByRole("button", { name: type, exact: true });
  await item.dragTo(canvas(page), { targetPosition: { x, y } });
  // React Flow shows a node once it has measured it (and knows its handles).
  await expect(node(page, type).last()).toBeVisible();
}

/** Wires with the real mouse: press on a handle, move, release on another. */
async function wire(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

const output = (n: Locator) => n.locator(".react-flow__handle.source");
const input = (n: Locator, id = "input") => n.locator(`.react-flow__handle.target[data-handleid="${id}"]`);

async function clearCanvas(page: Page) {
  await canvas(page).click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await expect(nodes(page)).toHaveCount(0);
}

test("build a chain from the palette: drag, type a template, wire variables, refuse a bad edge, undo and redo", async ({
  page,
}) => {
  await page.goto("/");
  await expect(node(page, "Prompt")).toBeVisible();
  await clearCanvas(page);

  // Handles stay clear of the canvas edges, where React Flow pans under a dragged wire.
  await dropFromPalette(page, "Prompt", 230, 110);
  await dropFromPalette(page, "Model", 510, 110);
  await dropFromPalette(page, "Parser", 590, 280);
  await expect(nodes(page)).toHaveCount(3);

  // Type a template in the inspector: its variable becomes an input handle on the node.
  await node(page, "Prompt").click();
  const template = page.getByRole("region", { name: "Inspector" }).getByLabel("Template of message 1");
  await template.fill("Write a haiku about {season} and {animal}");
  await expect(input(node(page, "Prompt"), "season")).toBeVisible();
  await expect(input(node(page, "Prompt"), "animal")).toBeVisible();
  await template.fill("Write a haiku about {season}");
  await expect(input(node(page, "Prompt"), "animal")).toHaveCount(0);

  await wire(page, output(node(page, "Prompt")), input(node(page, "Model")));
  await wire(page, output(node(page, "Model")), input(node(page, "Parser")));
  await expect(canvas(page).locator(".react-flow__edge")).toHaveCount(2);

  // A parser's text cannot feed a retriever-less... a prompt *output* into a parser input is refused with a reason.
  const a = (await output(node(page, "Prompt")).boundingBox())!;
  const b = (await input(node(page, "Parser")).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await expect(canvas(page).getByRole("status")).toContainText(
    "Can’t connect: a prompt output cannot feed a message input",
  );
  await page.mouse.up();
  await expect(canvas(page).locator(".react-flow__edge")).toHaveCount(2);

  // A cycle is refused too.
  await wire(page, output(node(page, "Parser")), input(node(page, "Prompt"), "season"));
  await expect(canvas(page).locator(".react-flow__edge")).toHaveCount(2);

  // Connect a variable from a passthrough.
  await dropFromPalette(page, "Passthrough", 260, 390);
  await wire(page, output(node(page, "Passthrough")), input(node(page, "Prompt"), "season"));
  await expect(canvas(page).locator(".react-flow__edge")).toHaveCount(3);

  // Undo and redo, one user action at a time.
  await canvas(page).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+z");
  await expect(canvas(page).locator(".react-flow__edge")).toHaveCount(2);
  await page.keyboard.press("Control+z");
  await expect(canvas(page).getByRole("group", { name: "Passthrough" })).toHaveCount(0);
  await page.keyboard.press("Control+Shift+z");
  await page.keyboard.press("Control+Shift+z");
  await expect(canvas(page).locator(".react-flow__edge")).toHaveCount(3);
});

test("a drag is one undo step", async ({ page }) => {
  await page.goto("/");
  const prompt = node(page, "Prompt");
  const before = (await prompt.boundingBox())!;
  await page.mouse.move(before.x + 60, before.y + 14);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(before.x + 60 + i * 10, before.y + 14 + i * 8);
  await page.mouse.up();
  const moved = (await prompt.boundingBox())!;
  expect(moved.x - before.x).toBeGreaterThan(50);
  await page.keyboard.press("Control+z");
  await expect.poll(async () => Math.round((await prompt.boundingBox())!.x)).toBe(Math.round(before.x));
});

test("export, import the file back, and a broken file shows its errors while the chain stays", async ({
  page,
}, info) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Download JSON" }).click();
  const file = info.outputPath("joke.json");
  await (await download).saveAs(file);
  const exported = await readFile(file, "utf8");
  expect(JSON.parse(exported)).toMatchObject({ format: "sluice.chain", version: 1, name: "Joke" });

  // Change the chain, then import the exported file: the original comes back.
  await clearCanvas(page);
  await page.getByLabel("Chain file").setInputFiles(file);
  await expect(node(page, "Prompt")).toBeVisible();
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const again = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Download JSON" }).click();
  const file2 = info.outputPath("joke-2.json");
  await (await again).saveAs(file2);
  expect(await readFile(file2, "utf8")).toBe(exported);

  const broken = info.outputPath("broken.json");
  const doc = JSON.parse(exported) as { nodes: { data: Record<string, unknown> }[] };
  doc.nodes[2]!.data.parser = "xml";
  await writeFile(broken, JSON.stringify(doc));
  await page.getByLabel("Chain file").setInputFiles(broken);
  const dialog = page.getByRole("dialog", { name: "Could not import broken.json" });
  await expect(dialog).toContainText("nodes[2].data.parser: expected one of str, json, list");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(node(page, "Prompt")).toBeVisible();
  await expect(nodes(page)).toHaveCount(3);
});
