import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Two projects: the lower layers run in Node so a slip into DOM-only APIs fails,
// the UI runs in jsdom.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: [
            "src/{core,providers,graph,stores,cli}/**/*.test.ts",
            "scripts/**/*.test.ts",
            "e2e/mock-provider/**/*.test.ts",
          ],
        },
      },
      {
        plugins: [react()],
        test: {
          name: "ui",
          environment: "jsdom",
          include: ["src/ui/**/*.test.{ts,tsx}"],
          setupFiles: ["src/ui/testing/setup.ts"],
        },
      },
    ],
  },
});
