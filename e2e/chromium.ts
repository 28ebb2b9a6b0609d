// Debian's Chromium (no browser downloads are possible here) and the flags this environment needs,
// for every browser this project launches: the e2e tests (playwright.config.ts), the screenshots
// (e2e/screens.ts) and the browser benchmarks (bench/browser.ts).
import type { LaunchOptions } from "@playwright/test";

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
} satisfies LaunchOptions;
