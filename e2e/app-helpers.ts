// Steps a user takes that several specs share.
import type { Page } from "@playwright/test";
import { writeFile } from "node:fs/promises";
import { expect } from "./fixtures.ts";

export const canvas = (page: Page) => page.getByRole("region", { name: "Canvas" });
/** A node on the canvas, by its exact name. */
export const node = (page: Page, name: string) => canvas(page).getByRole("group", { name, exact: true });
/** Every node on the canvas. */
export const nodes = (page: Page) => canvas(page).locator('[aria-roledescription="node"]');
/** The header's chain button, named after the open chain. */
export const chainButton = (page: Page, name: string) =>
  page
    .getByRole("banner")
    .locator("button[aria-haspopup=dialog]")
    .filter({ hasText: new RegExp(`^${name}`) });
/** Adds a node of `type` at the canvas's centre, as a click on the palette does. */
export const addNode = (page: Page, type: string) =>
  page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: type, exact: true }).click();
export const saveStatus = (page: Page) => page.getByRole("status", { name: "Save status" });

/** Imports a chain document through the header's file picker and waits for `waitForNode` on the canvas. */
export async function openChainFile(page: Page, doc: unknown, path: string, waitForNode: string) {
  await writeFile(path, JSON.stringify(doc));
  await page.getByLabel("Chain file").setInputFiles(path);
  await expect(canvas(page).getByRole("group", { name: waitForNode })).toBeVisible();
}

/** Enters a provider's key in Settings (committed on blur) and closes the dialog. */
export async function setKey(page: Page, provider: string, key: string) {
  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  const group = dialog.getByRole("group", { name: provider, exact: true });
  await group.getByPlaceholder("Paste the key").fill(key);
  await group.getByLabel("Base URL").click(); // blur commits the key
  await expect(group.getByLabel(`${provider} key`)).not.toContainText(key);
  await dialog.getByRole("button", { name: "Close" }).click();
}
