import { addNode, canvas, chainButton, nodes, saveStatus } from "./app-helpers.ts";
import { expect, test } from "./fixtures.ts";

test("a fresh start opens the joke example, and a reload restores the chain as it was", async ({ page }) => {
  await page.goto("/");
  await expect(chainButton(page, "Joke")).toBeVisible();
  await expect(nodes(page)).toHaveCount(3);

  // Edit: add a node and rename it; autosave reports Saved within a second.
  await addNode(page, "Lambda");
  await expect(nodes(page)).toHaveCount(4);
  const name = page.getByRole("region", { name: "Inspector" }).getByLabel("Name");
  await name.fill("reverse_word");
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 3000 });

  await page.reload();
  await expect(nodes(page)).toHaveCount(4);
  await expect(canvas(page).getByRole("group", { name: "reverse_word" })).toBeVisible();
});

test("chains: create, switch, rename, delete with confirmation", async ({ page }) => {
  await page.goto("/");
  await chainButton(page, "Joke").click();
  await page.getByRole("button", { name: "New chain" }).click();
  await expect(nodes(page)).toHaveCount(0);
  await expect(chainButton(page, "Untitled chain")).toBeVisible();

  await chainButton(page, "Untitled chain").click();
  const list = page.getByRole("list", { name: "Your chains" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Rename Untitled chain" }).click();
  await page.getByLabel("New name for Untitled chain").fill("Scratch");
  await page.getByLabel("New name for Untitled chain").press("Enter");
  await expect(chainButton(page, "Scratch")).toBeVisible();

  await list.getByRole("button", { name: /^Joke/ }).click();
  await expect(nodes(page)).toHaveCount(3);

  await chainButton(page, "Joke").click();
  await page.getByRole("button", { name: "Delete Scratch" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete “Scratch”?" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  // The list stays open behind the confirmation and updates.
  await expect(page.getByRole("list", { name: "Your chains" }).getByRole("listitem")).toHaveCount(1);
});

test("a share link opens as a new chain after a confirmation that shows the lambda code", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await chainButton(page, "Joke").click();
  await page
    .getByRole("list", { name: "Examples" })
    .getByRole("button", { name: /generator/i })
    .click();
  await expect(nodes(page)).not.toHaveCount(0);
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await page.getByRole("menuitem", { name: "Copy share link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Share link copied" })).toBeVisible();
  const link = await page.evaluate("navigator.clipboard.readText()");
  expect(String(link)).toMatch(/#chain=[\w-]+$/);

  const other = await context.newPage();
  await other.goto(String(link));
  const dialog = other.getByRole("dialog", { name: /Open shared chain/ });
  await expect(dialog).toContainText("It contains code");
  await expect(dialog.getByLabel(/^Code of /).first()).toContainText("async function*");
  await dialog.getByRole("button", { name: "Open as a new chain" }).click();
  await expect(nodes(other)).not.toHaveCount(0);
  await expect(other).toHaveURL(/\/$/);
});

test("two tabs on one chain: the later save is refused, its work kept, and the user chooses", async ({
  page,
  context,
}) => {
  await page.goto("/");
  await expect(nodes(page)).toHaveCount(3);
  const other = await context.newPage();
  await other.goto("/");
  await expect(nodes(other)).toHaveCount(3);

  // The first tab adds a lambda and saves it.
  await addNode(page, "Lambda");
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 3000 });
  // The second tab, opened before that save, adds a retriever: its save is refused, its work kept.
  await addNode(other, "Retriever");
  await expect(saveStatus(other)).toContainText("Changed in another tab", { timeout: 3000 });
  await expect(nodes(other)).toHaveCount(4);
  await page.reload();
  await expect(nodes(page)).toHaveCount(4);
  await expect(canvas(page).getByRole("group", { name: /lambda/i })).toBeVisible();

  // It keeps its own version: now the first tab's next save is the refused one.
  await other.getByRole("banner").getByRole("button", { name: "Keep mine" }).click();
  await expect(saveStatus(other)).toHaveText("Saved");
  await addNode(page, "Passthrough");
  await expect(saveStatus(page)).toContainText("Changed in another tab", { timeout: 3000 });
  // The first tab loads the other's version: the retriever, without its own lambda or passthrough.
  await page.getByRole("banner").getByRole("button", { name: "Load theirs" }).click();
  await expect(saveStatus(page)).toHaveText("Saved");
  await expect(nodes(page)).toHaveCount(4);
  await expect(canvas(page).getByRole("group", { name: /retriever/i })).toBeVisible();
  await page.reload();
  await expect(canvas(page).getByRole("group", { name: /retriever/i })).toBeVisible();
  await expect(nodes(page)).toHaveCount(4);
});
