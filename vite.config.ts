import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  build: {
    target: "es2022",
    sourcemap: true,
    rolldownOptions: {
      // The app, plus the lambda sandbox's e2e harness page (docs/sandbox.md#testing).
      input: { index: "index.html", "sandbox-harness": "harness/sandbox.html" },
    },
  },
});
