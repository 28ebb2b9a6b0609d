// Page setup of the run benchmark: a fresh page with the in-page probe, and a chain opened from a file.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { RunBenchOptions } from "./run-measure.ts";

const PROBE = fileURLToPath(new URL("./page/run-probe.js", import.meta.url));

export async function newPage(browser: Browser, appUrl: string, options: RunBenchOptions): Promise<Page> {
  // A fresh context: no chain restored from an earlier run's IndexedDB.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return preparePage(context, appUrl, options);
}

/**
 * The app with the probe in a page of `context`: a fresh context, or the default one of a
 * `launchDetachable` Chromium (fresh too: its profile is new, and its window is 1280×800).
 */
export async function preparePage(
  context: BrowserContext,
  appUrl: string,
  options: RunBenchOptions,
): Promise<Page> {
  await context.addInitScript({ path: PROBE });
  const page = await context.newPage();
  page.on("pageerror", (err) => console.error(`page error: ${err.message}`));
  await page.goto(appUrl);
  await page.getByRole("region", { name: "Canvas" }).waitFor();
  if (options.hide?.length)
    await page.addStyleTag({ content: `${options.hide.join(", ")} { display: none !important; }` });
  return page;
}

export async function openChain(page: Page, doc: unknown, names: string[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-run-bench-"));
  try {
    const file = join(dir, "chain.json");
    await writeFile(file, JSON.stringify(doc));
    await page.getByLabel("Chain file").setInputFiles(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  for (const name of names) await page.getByRole("group", { name, exact: true }).waitFor();
}
