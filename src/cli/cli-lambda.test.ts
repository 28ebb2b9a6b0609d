import { describe, expect, it } from "vitest";
import { cliFixtures } from "./cli.test-helpers.ts";
import { chain, interruptWhen, jsonLines, runCli, scripted } from "./testing.ts";

// Lambda nodes: refused without --allow-code, run with it (errors, time limit), and Ctrl+C while busy.
// Every test spawns the real CLI (`node bin/sluice.mjs`), so they run concurrently.
const { tmp } = cliFixtures();

describe.concurrent("sluice CLI", { timeout: 120_000 }, () => {
  describe("lambda code", () => {
    const lambdas = tmp.write(
      "lambdas.json",
      chain(
        "Lambdas",
        [
          {
            id: "l1",
            type: "lambda",
            data: { code: "function reverse_word(word) {\n  return word.split('').reverse().join('');\n}" },
          },
          {
            id: "l2",
            type: "lambda",
            name: "shout",
            data: {
              code: "async function* shout(chunks) {\n  for await (const c of chunks) yield c.toUpperCase() + '!';\n}",
            },
          },
        ],
        [{ source: "l1", target: "l2" }],
      ),
    );

    it("is refused without --allow-code, naming the lambda nodes and why", async () => {
      const r = await runCli(["run", lambdas, "--input", '"abc"']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        'lambda nodes "reverse_word" (id l1), "shout" (id l2), which run JavaScript',
      );
      expect(r.stderr).toContain("Pass --allow-code");
      expect(r.stderr).toContain("not a security boundary");
    });

    it("runs with --allow-code; errors name the node and the lambda's line; runaway code times out", async () => {
      const crashing = tmp.write(
        "crash.json",
        chain("Crash", [
          {
            id: "c",
            type: "lambda",
            name: "crasher",
            data: { code: "function f(x) {\n  const y = x.a;\n  return y.b;\n}" },
          },
        ]),
      );
      const spinning = tmp.write(
        "spin.json",
        chain("Spin", [{ id: "s", type: "lambda", data: { code: "function spin() {\n  for (;;) {}\n}" } }]),
      );
      const [ok, crash, spin] = await Promise.all([
        runCli(["run", lambdas, "--input", '"abc"', "--allow-code"]),
        runCli(["run", crashing, "--input", "{}", "--allow-code"]),
        runCli(["run", spinning, "--allow-code", "--code-timeout-ms", "300"]),
      ]);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toBe("CBA!");
      expect(crash.code).toBe(1);
      expect(crash.stderr).toBe(
        "sluice: run failed at node \"crasher\" (id c, lambda): TypeError: Cannot read properties of undefined (reading 'b') (line 3, column 12)\n",
      );
      expect(spin.code).toBe(1);
      expect(spin.stderr).toBe(
        'sluice: run failed at node "spin" (id s, lambda): the lambda ran longer than 300 ms (raise the limit with --code-timeout-ms)\n',
      );
    });

    it("exits 130 on Ctrl+C while lambda code is busy, once its time limit stops it", async () => {
      const busy = tmp.write(
        "busy.json",
        chain(
          "Busy",
          [
            { id: "m", type: "model", data: scripted(["go spin now"]) },
            { id: "o", type: "parser", data: { parser: "str" } },
            {
              id: "g",
              type: "lambda",
              data: {
                code: "async function* busy(chunks) {\n  for await (const c of chunks) {\n    yield c;\n    if (c.includes('spin')) for (;;) {}\n  }\n}",
              },
            },
          ],
          [
            { source: "m", target: "o" },
            { source: "o", target: "g" },
          ],
        ),
      );
      const started = Date.now();
      const args = [
        "run",
        busy,
        "--input",
        '"x"',
        "--mode",
        "stream",
        "--allow-code",
        "--code-timeout-ms",
        "2000",
      ];
      const r = await runCli(
        args,
        interruptWhen((out) => out.includes("spin")),
      );
      // Interrupted, not "ran longer than 2000 ms": the Ctrl+C came first.
      expect(r.code).toBe(130);
      expect(r.stderr).toBe("sluice: interrupted\n");
      expect(jsonLines(r.stdout)).toEqual(["go", " spin"]);
      expect(Date.now() - started).toBeLessThan(20_000);
    });
  });
});
