import { expect, test } from "./fixtures.ts";

test("the app loads and shows its regions by accessible name", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Sluice");
  for (const name of ["Canvas", "Inspector", "Output", "Timeline", "Events"]) {
    await expect(page.getByRole("region", { name })).toBeVisible();
  }
  for (const name of ["Run", "Stop", "Import", "Export"]) {
    await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  }
  const palette = page.getByRole("navigation", { name: "Palette" });
  for (const name of ["Prompt", "Model", "Parser", "Lambda", "Passthrough", "Retriever"]) {
    await expect(palette.getByRole("button", { name, exact: true })).toBeVisible();
  }
  // React Flow's own furniture: zoom controls and minimap render inside the canvas.
  const canvas = page.getByRole("region", { name: "Canvas" });
  await expect(canvas.getByRole("button", { name: "Zoom In" })).toBeVisible();
  await expect(canvas.locator(".react-flow__minimap")).toBeVisible();
});
