// Takes screenshots of the app for a person to look at: `npx tsx e2e/screens.ts [url] [outdir]`.
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium.ts";

const url = process.argv[2] ?? "http://127.0.0.1:4783";
const out = process.argv[3] ?? "test-results/screens";
const browser = await chromium.launch(chromiumLaunchOptions);
for (const [w, h] of [
  [1280, 800],
  [1920, 1080],
] as const) {
  for (const scheme of ["light", "dark"] as const) {
    const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
    await page.goto(url);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/app-${w}x${h}-${scheme}.png` });
    await page.close();
  }
}
await browser.close();
