#!/usr/bin/env node
// The `sluice` command (docs/cli.md). Plain JavaScript: it registers tsx so Node loads the
// TypeScript sources directly, which is why it works right after `npm ci`, with no build step.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// Commands that read a document need zod and acorn. They are plain JavaScript: loaded before tsx's
// hooks exist, their hundred-odd files skip a round trip each through tsx's loader thread (about
// half a second of start-up on two cores).
if (
  ["run", "validate", "export-code"].includes(process.argv[2] ?? "") &&
  !process.argv.some((a) => a === "--help" || a === "-h")
) {
  await Promise.all([import("zod"), import("acorn")]);
}

// The project's own tsconfig, whatever the current directory is.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { cli } = await import("../src/cli/main.ts");
const code = await cli(process.argv.slice(2));
// Exit now: output is flushed, and idle keep-alive sockets must not hold the process open.
process.exit(code);
