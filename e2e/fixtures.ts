import { test as base, expect } from "@playwright/test";

/**
 * Every e2e test fails on a console error or an uncaught page error: a clean console is part of
 * the contract, not an afterthought. A test that provokes an error on purpose (an HTTP 500 from the
 * mock provider) lists it in `allowedConsoleErrors`.
 */
export const test = base.extend<{ consoleErrors: string[]; allowedConsoleErrors: RegExp[] }>({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(err.message));
      await use(errors);
      expect(
        errors.filter((e) => !allowedConsoleErrors.some((re) => re.test(e))),
        "console errors",
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
