import { node } from "./app-helpers.ts";
import { expect, test } from "./fixtures.ts";

test("a CSV batch of topics runs two at a time, and a row opens as the run on the canvas", async ({
  page,
}) => {
  // The joke example streams each answer for a few seconds, as shipped.
  test.setTimeout(90_000);
  await page.goto("/");
  await page.getByRole("tab", { name: "Batch" }).click();
  const panel = page.getByRole("tabpanel", { name: "Batch" });
  await panel.getByLabel(/Batch inputs/).fill('topic\nparrots\n"cats, mostly"\nowls');
  await expect(panel.getByText("3 inputs")).toBeVisible();
  await panel.getByRole("spinbutton", { name: "Concurrency" }).fill("2");
  await panel.getByRole("button", { name: "Run batch" }).click();

  // Two rows run at once, the third waits for a free slot.
  const table = panel.getByRole("table", { name: "Batch results" });
  const row = (n: number) => table.getByRole("row", { name: `Row ${n}` });
  await expect(row(1)).toContainText("running");
  await expect(row(2)).toContainText("running");
  await expect(row(3)).toContainText("pending");

  await expect(panel.getByRole("status")).toHaveText("3 / 3 done", { timeout: 60_000 });
  for (const [n, topic] of [
    [1, "parrots"],
    [2, "cats, mostly"],
    [3, "owls"],
  ] as const) {
    await expect(row(n)).toContainText(`topic: ${topic}`);
    await expect(row(n)).toContainText("done");
    await expect(row(n)).toContainText("Here's a joke about a parrot");
  }

  await row(2).getByRole("button", { name: "Open row 2" }).click();
  await expect(panel.getByText("Showing batch row 2")).toBeVisible();
  await expect(node(page, "Prompt")).toContainText("tell me a joke about cats, mostly");
  await expect(node(page, "Parser").getByLabel("Live output")).toContainText(
    "But did you really think I was going to sell you the talking parrot for just $20?",
  );
  await page.getByRole("tab", { name: "Output" }).click();
  await expect(page.getByLabel("Stream output")).toContainText("Here's a joke about a parrot");
  await expect(page.getByLabel("Stream output")).toContainText("for just $20?");
});

test("Stop cancels the rows in flight and skips the rest", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("tab", { name: "Batch" }).click();
  const panel = page.getByRole("tabpanel", { name: "Batch" });
  await panel.getByLabel(/Batch inputs/).fill('{"topic":"a"}\n{"topic":"b"}\n{"topic":"c"}');
  await expect(panel.getByRole("combobox", { name: "Format" })).toContainText("Detect (JSON lines)");
  await panel.getByRole("spinbutton", { name: "Concurrency" }).fill("1");
  await panel.getByRole("button", { name: "Run batch" }).click();
  const table = panel.getByRole("table", { name: "Batch results" });
  await expect(table.getByRole("row", { name: "Row 1" })).toContainText("running");
  await panel.getByRole("button", { name: "Stop batch" }).click();
  await expect(panel.getByRole("status")).toHaveText("0 / 3 done, 3 cancelled");
  await expect(table.getByRole("row", { name: "Row 1" })).toContainText("cancelled");
  await expect(table.getByRole("row", { name: "Row 3" })).toContainText("skipped");
});
