// Shared by the sandbox specs (e2e/sandbox*.spec.ts): they drive the lambda sandbox in real Chromium
// through the harness page (harness/sandbox.html), which exposes `window.sluiceSandboxHarness` (its
// type comes from the harness module's global declaration; e2e imports nothing from src).
// docs/sandbox.md describes what is isolated and how.
import type { Page } from "@playwright/test";

export async function openHarness(page: Page): Promise<void> {
  await page.goto("/harness/sandbox.html");
  await page.waitForFunction(() => window.sluiceSandboxHarness !== undefined);
}
