import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { chain, jsonLines, runCli, scripted, tempFolder } from "./testing.ts";

// Every test spawns the real CLI (`node bin/sluice.mjs`), so they run concurrently.
const tmp = tempFolder();
afterAll(() => tmp.cleanup());

const joke = tmp.write(
  "joke.json",
  chain(
    "Joke",
    [
      {
        id: "p",
        type: "prompt",
        name: "joke_prompt",
        data: { messages: [{ role: "human", template: "tell me a joke about {topic}" }] },
      },
      {
        id: "m",
        type: "model",
        name: "joke_model",
        data: scripted(["Why did the parrot sit on the broom?"]),
      },
      { id: "o", type: "parser", data: { parser: "str" } },
    ],
    [
      { source: "p", target: "m" },
      { source: "m", target: "o" },
    ],
  ),
);
const TOPIC = ["--input", '{"topic":"parrots"}'];

describe.concurrent("sluice CLI", { timeout: 120_000 }, () => {
  describe("help", () => {
    it("prints the global help with every command", async () => {
      const r = await runCli(["--help"]);
      expect(r.code).toBe(0);
      for (const word of [
        "run <chain.json>",
        "validate <chain.json>",
        "export-code <chain.json>",
        "Exit codes",
      ]) {
        expect(r.stdout).toContain(word);
      }
      const none = await runCli([]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("Usage: sluice <command>");
    });

    it("prints each command's help, with every flag of run", async () => {
      const [run, helpRun, validate, exportCode, version] = await Promise.all([
        runCli(["run", "--help"]),
        runCli(["help", "run"]),
        runCli(["validate", "-h"]),
        runCli(["export-code", "--help"]),
        runCli(["--version"]),
      ]);
      expect(run.code).toBe(0);
      expect(helpRun.stdout).toBe(run.stdout);
      const flags = [
        "--input",
        "--input-file",
        "--mode",
        "--events-version",
        "--include-names",
        "--include-types",
      ];
      flags.push("--include-tags", "--exclude-names", "--exclude-types", "--exclude-tags", "--allow-code");
      flags.push("--code-timeout-ms", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY");
      for (const flag of flags) expect(run.stdout).toContain(flag);
      expect(validate.stdout).toContain("Usage: sluice validate");
      expect(exportCode.stdout).toContain("--out");
      expect(version.stdout).toMatch(/^sluice \d+\.\d+\.\d+/);
    });
  });

  describe("bad arguments exit 2", () => {
    // Every message of the argument parser is tested in args.test.ts; these prove the exit code.
    it.each([
      [["constructor"], 'unknown command "constructor"'],
      [["run"], "missing the chain file"],
      [["run", "x.json", "--nope"], "Unknown option '--nope'"],
      [["run", "x.json", "--include-names", "a"], "--include-names only apply to --mode events"],
    ])("sluice %j", async (args, message) => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toMatch(/\(see sluice (run )?--help\)\n$/);
      expect(r.stdout).toBe("");
    });

    it("refuses input that is not JSON, and a missing file", async () => {
      const [notJson, missing, missingInput] = await Promise.all([
        runCli(["run", joke, "--input", "parrots"]),
        runCli(["run", tmp.path("nothing.json")]),
        runCli(["run", joke, "--input-file", tmp.path("none.json")]),
      ]);
      expect(notJson.code).toBe(2);
      expect(notJson.stderr).toContain("--input is not valid JSON");
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("nothing.json: cannot read the file (no such file)");
      expect(missingInput.code).toBe(2);
      expect(missingInput.stderr).toContain("cannot read the file (no such file)");
    });
  });

  describe("run", () => {
    it("invoke prints the final output as JSON", async () => {
      const r = await runCli(["run", joke, ...TOPIC]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toBe("Why did the parrot sit on the broom?");
      expect(r.stderr).toBe("");
    });

    it("stream prints one JSON line per chunk, adding up to the output", async () => {
      const r = await runCli(["run", joke, ...TOPIC, "--mode", "stream"]);
      expect(r.code).toBe(0);
      const chunks = jsonLines(r.stdout);
      expect(chunks.length).toBeGreaterThan(3);
      expect(chunks.join("")).toBe("Why did the parrot sit on the broom?");
    });

    it("events prints one JSON line per event (v2 by default, v1 on request)", async () => {
      const [v2, v1] = await Promise.all([
        runCli(["run", joke, ...TOPIC, "--mode", "events"]),
        runCli(["run", joke, ...TOPIC, "--mode", "events", "--events-version", "v1"]),
      ]);
      expect(v2.code).toBe(0);
      const events = jsonLines(v2.stdout) as {
        event: string;
        name: string;
        parent_ids?: string[];
        data: Record<string, unknown>;
      }[];
      expect(events[0]).toMatchObject({ event: "on_chain_start", name: "RunnableSequence", parent_ids: [] });
      expect(events.at(-1)).toMatchObject({
        event: "on_chain_end",
        data: { output: "Why did the parrot sit on the broom?" },
      });
      const prompt = events.find((e) => e.event === "on_prompt_end")!;
      expect(prompt.name).toBe("joke_prompt");
      expect(prompt.data.output).toEqual({
        messages: [{ type: "human", content: "tell me a joke about parrots" }],
      });
      const modelEnd = events.find((e) => e.event === "on_chat_model_end")!;
      expect(modelEnd.data.output).toMatchObject({
        type: "ai",
        content: "Why did the parrot sit on the broom?",
        usage_metadata: { output_tokens: expect.any(Number) },
        response_metadata: { finish_reason: "stop" },
      });
      expect(events.filter((e) => e.event === "on_chat_model_stream").length).toBeGreaterThan(3);
      expect(v1.code).toBe(0);
      const v1Events = jsonLines(v1.stdout) as { event: string; parent_ids?: unknown }[];
      expect(v1Events.every((e) => e.parent_ids === undefined)).toBe(true);
      expect(v1Events.some((e) => e.event === "on_chat_model_stream")).toBe(true);
    });

    it("filters events by name, type and tag; excludes win", async () => {
      const base = ["run", joke, ...TOPIC, "--mode", "events"];
      const [names, types, tags, excluded] = await Promise.all([
        runCli([...base, "--include-names", "joke_prompt,joke_model"]),
        runCli([...base, "--include-types", "parser"]),
        runCli([...base, "--include-tags", "seq:step:2"]),
        runCli([
          ...base,
          "--include-types",
          "chat_model",
          "--include-types",
          "parser",
          "--exclude-names",
          "joke_model",
        ]),
      ]);
      const namesOf = (r: { stdout: string }) =>
        new Set((jsonLines(r.stdout) as { name: string }[]).map((e) => e.name));
      expect(namesOf(names)).toEqual(new Set(["joke_prompt", "joke_model"]));
      expect(namesOf(types)).toEqual(new Set(["StrOutputParser"]));
      expect(namesOf(tags)).toEqual(new Set(["joke_model"]));
      expect(namesOf(excluded)).toEqual(new Set(["StrOutputParser"]));
      for (const r of [names, types, tags, excluded]) expect(r.code).toBe(0);
    });

    it("reads the input from a file or stdin", async () => {
      const file = tmp.write("input.json", { topic: "parrots" });
      const [fromFile, fromStdin] = await Promise.all([
        runCli(["run", joke, "--input-file", file]),
        runCli(["run", joke, "--input-file", "-"], { stdin: '{"topic":"parrots"}' }),
      ]);
      expect(JSON.parse(fromFile.stdout)).toBe("Why did the parrot sit on the broom?");
      expect(JSON.parse(fromStdin.stdout)).toBe("Why did the parrot sit on the broom?");
    });

    it("serializes messages, prompt values and documents explicitly", async () => {
      const modelOnly = tmp.write(
        "model.json",
        chain("Model", [{ id: "m", type: "model", data: scripted(["Hello there"]) }]),
      );
      const promptOnly = tmp.write(
        "prompt.json",
        chain("Prompt", [
          {
            id: "p",
            type: "prompt",
            data: {
              messages: [
                { role: "system", template: "Be brief." },
                { role: "human", template: "{q}" },
              ],
            },
          },
        ]),
      );
      const retriever = tmp.write(
        "retriever.json",
        chain("Docs", [
          {
            id: "r",
            type: "retriever",
            data: {
              documents: [
                { pageContent: "harrison worked at kensho", metadata: { n: 1 } },
                { pageContent: "bears like honey" },
              ],
              k: 1,
            },
          },
        ]),
      );
      const [message, messageStream, prompt, promptStream, docs] = await Promise.all([
        runCli(["run", modelOnly, "--input", '"hi"']),
        runCli(["run", modelOnly, "--input", '"hi"', "--mode", "stream"]),
        runCli(["run", promptOnly, "--input", '{"q":"why?"}']),
        runCli(["run", promptOnly, "--input", '{"q":"why?"}', "--mode", "stream"]),
        runCli(["run", retriever, "--input", '"where did harrison work"']),
      ]);
      expect(JSON.parse(message.stdout)).toEqual({
        type: "ai",
        content: "Hello there",
        id: expect.any(String),
        usage_metadata: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
        response_metadata: { finish_reason: "stop" },
      });
      const chunks = jsonLines(messageStream.stdout) as {
        type: string;
        content: string;
        response_metadata: object;
      }[];
      expect(chunks.map((c) => c.content).join("")).toBe("Hello there");
      expect(chunks.every((c) => c.type === "ai")).toBe(true);
      expect(chunks.at(-1)!.response_metadata).toEqual({ finish_reason: "stop" });
      const value = {
        messages: [
          { type: "system", content: "Be brief." },
          { type: "human", content: "why?" },
        ],
      };
      expect(JSON.parse(prompt.stdout)).toEqual(value);
      expect(jsonLines(promptStream.stdout)).toEqual([value]);
      expect(JSON.parse(docs.stdout)).toEqual([
        { pageContent: "harrison worked at kensho", metadata: { n: 1 } },
      ]);
    });

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
      let sent = false;
      const r = await runCli(["run", slow, "--input", '"go"', "--mode", "stream"], {
        onStdout: (child, out) => {
          if (!sent && out.includes("\n")) {
            sent = true;
            child.kill("SIGINT");
          }
        },
      });
      expect(r.code).toBe(130);
      expect(r.stderr).toBe("sluice: interrupted\n");
      const chunks = jsonLines(r.stdout) as { content: string }[];
      expect(chunks.length).toBeGreaterThanOrEqual(1);
      expect(chunks.length).toBeLessThan(5);
    });
  });

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
      let sent = false;
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
      const r = await runCli(args, {
        onStdout: (child, out) => {
          if (!sent && out.includes("spin")) {
            sent = true;
            child.kill("SIGINT");
          }
        },
      });
      // Interrupted, not "ran longer than 2000 ms": the Ctrl+C came first.
      expect(r.code).toBe(130);
      expect(r.stderr).toBe("sluice: interrupted\n");
      expect(jsonLines(r.stdout)).toEqual(["go", " spin"]);
      expect(Date.now() - started).toBeLessThan(20_000);
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
