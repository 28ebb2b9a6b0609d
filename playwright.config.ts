import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/chromium.ts";

const port = Number(process.env.E2E_PORT ?? 4783);
// Several people (or agents) can test side by side: each builds to its own folder and port.
const outDir = process.env.E2E_OUT_DIR ?? "dist";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.PW_REPORTER ? [[process.env.PW_REPORTER]] : [["list"]],
  outputDir: "test-results/e2e",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    // Playwright drives Debian's Chromium: no browser downloads are possible here.
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: "app", testIgnore: "**/stop.spec.ts" },
    // Latency targets (Stop closes every request within 100 ms) are measured alone, after the rest:
    // beside a heavy test on this 2-core machine they measured that test's load (104 ms once, on a
    // fresh-clone CI run; 25–53 ms alone).
    { name: "latency", testMatch: "**/stop.spec.ts", dependencies: ["app"] },
  ],
  webServer: {
    // The test script builds first; preview serves the built app.
    command: `npx vite preview --port ${port} --strictPort --outDir ${outDir}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
