import { describe, expect, it } from "vitest";
import { cliFixtures } from "./cli.test-helpers.ts";
import { chain, interruptWhen, jsonLines, runCli, scripted } from "./testing.ts";

// `sluice run` failures and their exit codes: a failing model (1), a missing key (1), Ctrl+C (130).
// Every test spawns the real CLI (`node bin/sluice.mjs`), so they run concurrently.
const { tmp } = cliFixtures();

describe.concurrent("sluice CLI", { timeout: 120_000 }, () => {
  describe("run", () => {
    it("exits 1 with one line naming node and provider when a scripted model fails mid-stream", async () => {
      const failing = tmp.write(
        "failing.json",
        chain(
          "Failing",
          [
            {
              id: "m",
              type: "model",
              name: "flaky",
              data: scripted(["one two three four five"], {
                failAfterChunks: 3,
                failMessage: "The model fell over.",
              }),
            },
            { id: "o", type: "parser", data: { parser: "str" } },
          ],
          [{ source: "m", target: "o" }],
        ),
      );
      const [stream, events, invoke] = await Promise.all([
        runCli(["run", failing, "--input", '"go"', "--mode", "stream"]),
        runCli(["run", failing, "--input", '"go"', "--mode", "events"]),
        runCli(["run", failing, "--input", '"go"']),
      ]);
      const line = 'sluice: run failed at node "flaky" (id m, provider scripted): The model fell over.\n';
      expect(stream.code).toBe(1);
      expect(jsonLines(stream.stdout)).toEqual(["one", " two", " three"]);
      expect(stream.stderr).toBe(line);
      expect(events.code).toBe(1);
      const names = (jsonLines(events.stdout) as { event: string }[]).map((e) => e.event);
      expect(names.filter((n) => n === "on_chat_model_stream")).toHaveLength(3);
      // The failing run, then its ancestors (the parser downstream is a bystander: SEMANTICS.md).
      expect(names.slice(-2)).toEqual(["on_chat_model_error", "on_chain_error"]);
      expect(events.stderr).toBe(line);
      expect(invoke.code).toBe(1);
      expect(invoke.stdout).toBe("");
      expect(invoke.stderr).toBe(line);
    });

    it("exits 1 before running when a provider's key is missing", async () => {
      const openai = tmp.write(
        "openai.json",
        chain("Remote", [{ id: "m", type: "model", data: { provider: "openai", model: "gpt-4o-mini" } }]),
      );
      const r = await runCli(["run", openai, "--input", '"hi"']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'sluice: node "Model" (id m, provider openai) needs OPENAI_API_KEY, which is not set\n',
      );
    });

    it("exits 130 on Ctrl+C, after the chunks already printed", async () => {
      const slow = tmp.write(
        "slow.json",
        chain("Slow", [
          {
            id: "m",
            type: "model",
            data: scripted(["a b c d e f g h i j k l m n o p"], { tokensPerSecond: 5 }),
          },
        ]),
      );
      const r = await runCli(
        ["run", slow, "--input", '"go"', "--mode", "stream"],
        interruptWhen((out) => out.includes("\n")),
      );
      expect(r.code).toBe(130);
      expect(r.stderr).toBe("sluice: interrupted\n");
      const chunks = jsonLines(r.stdout) as { content: string }[];
      expect(chunks.length).toBeGreaterThanOrEqual(1);
      expect(chunks.length).toBeLessThan(5);
    });
  });
});
