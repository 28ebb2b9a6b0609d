import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cliFixtures } from "./cli.test-helpers.ts";
import { chain, runCli } from "./testing.ts";

// Chain documents: `sluice validate`, `run` refusing an invalid document, and `sluice export-code`.
// Every test spawns the real CLI (`node bin/sluice.mjs`), so they run concurrently.
const { tmp, joke } = cliFixtures();

describe.concurrent("sluice CLI", { timeout: 120_000 }, () => {
  describe("documents", () => {
    const invalid = tmp.write("invalid.json", {
      format: "sluice.chain",
      version: 1,
      nodes: [
        { id: "m", type: "model", position: { x: 0, y: 0 }, data: { provider: "scripted", model: "" } },
        { id: "o", type: "parser", position: { x: 1, y: 0 }, data: { parser: "yaml" } },
      ],
      edges: [],
    });
    const cyclic = tmp.write(
      "cyclic.json",
      chain(
        "Cycle",
        [
          { id: "a", type: "passthrough", data: {} },
          { id: "b", type: "passthrough", data: {} },
          { id: "c", type: "model", data: { provider: "scripted", model: "scripted" } },
        ],
        [
          { source: "a", target: "b" },
          { source: "b", target: "a" },
        ],
      ),
    );

    it("validate says ok, or prints each problem with its JSON path and exits 2", async () => {
      const [ok, bad, cycle, notJson] = await Promise.all([
        runCli(["validate", joke]),
        runCli(["validate", invalid]),
        runCli(["validate", cyclic]),
        runCli(["validate", tmp.write("broken.json", "{ nope")]),
      ]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toBe(`${joke}: ok: chain "Joke", 3 nodes, 2 edges\n`);
      expect(bad.code).toBe(2);
      const lines = bad.stderr.trim().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/invalid\.json: nodes\[0\]\.data\.model: must not be empty$/);
      expect(lines[1]).toMatch(
        /invalid\.json: nodes\[1\]\.data\.parser: expected one of str, json, list, got "yaml"$/,
      );
      expect(cycle.code).toBe(2);
      expect(cycle.stderr).toContain("cyclic.json: nodes[2].data.script: a scripted model needs a script");
      expect(cycle.stderr).toContain("cyclic.json: edges: the chain has a cycle");
      expect(notJson.code).toBe(2);
      expect(notJson.stderr).toMatch(/broken\.json: \(document\): not valid JSON/);
    });

    it("run refuses an invalid document the same way", async () => {
      const r = await runCli(["run", invalid]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("nodes[1].data.parser: expected one of str, json, list");
      expect(r.stdout).toBe("");
    });
  });

  describe("export-code", () => {
    it("prints a LangChain.js program, or writes it with --out", async () => {
      const out = tmp.path("joke.ts");
      const [printed, written, invalid] = await Promise.all([
        runCli(["export-code", joke]),
        runCli(["export-code", joke, "--out", out]),
        runCli([
          "export-code",
          tmp.write("bad.json", { format: "sluice.chain", version: 1, nodes: [], edges: [] }),
        ]),
      ]);
      expect(printed.code).toBe(0);
      expect(printed.stdout).toContain('import { ChatPromptTemplate } from "@langchain/core/prompts";');
      expect(printed.stdout).toContain("new FakeListChatModel(");
      expect(written.code).toBe(0);
      expect(existsSync(out)).toBe(true);
      expect(`${readFileSync(out, "utf8").trimEnd()}\n`).toBe(printed.stdout);
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toContain("nodes: the chain is empty");
    });
  });
});
