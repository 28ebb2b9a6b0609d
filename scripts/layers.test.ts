import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rule is only worth something if a violation fails lint: each case lints a real file's
// path with a forbidden line added and expects the rule to fire.
const eslint = new ESLint();

async function lintAs(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("layer rule", { timeout: 60_000 }, () => {
  it.each([
    [
      "src/core/index.ts",
      'import { useState } from "react";\nexport const x = useState;\n',
      "no-restricted-imports",
    ],
    [
      "src/core/index.ts",
      'import { NODE_DEFINITIONS as NODE_KINDS } from "../graph/registry.ts";\nexport const x = NODE_KINDS;\n',
      "no-restricted-imports",
    ],
    [
      "src/core/index.ts",
      'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
      "no-restricted-imports",
    ],
    ["src/core/index.ts", "export const x = window.location;\n", "no-restricted-globals"],
    [
      "src/graph/bm25.ts",
      'import { App } from "../ui/App.tsx";\nexport const x = App;\n',
      "no-restricted-imports",
    ],
    ["src/graph/bm25.ts", 'import * as z from "zustand";\nexport const x = z;\n', "no-restricted-imports"],
    [
      "src/ui/Panel.tsx",
      'import * as p from "../providers/index.ts";\nexport const x = p;\n',
      "no-restricted-imports",
    ],
  ])("%s refuses: %s", async (file, code, rule) => {
    const messages = await lintAs(file, code);
    expect(messages.some((m) => m.startsWith(`${rule}:`))).toBe(true);
  });

  it("flags JSX in a lower layer", async () => {
    const messages = await lintAs("src/core/index.ts", "export const x = <div />;\n");
    // JSX in a .ts file is a parse error, which fails lint too; both outcomes refuse it.
    expect(messages.length).toBeGreaterThan(0);
  });

  it("accepts an allowed import", async () => {
    const messages = await lintAs(
      "src/graph/bm25.ts",
      'import { CORE_VERSION } from "../core/index.ts";\nexport const x = CORE_VERSION;\n',
    );
    // Type-aware rules see the file on disk, not this text, so only the layer rules are asserted.
    expect(messages.filter((m) => m.startsWith("no-restricted"))).toEqual([]);
  });
});
