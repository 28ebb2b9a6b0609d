import { describe, expect, it } from "vitest";
import { cliFixtures, TOPIC } from "./cli.test-helpers.ts";
import { chain, jsonLines, runCli, scripted } from "./testing.ts";

// `sluice run` in each mode (invoke, stream, events), event filters, input sources, and output serialization.
// Every test spawns the real CLI (`node bin/sluice.mjs`), so they run concurrently.
const { tmp, joke } = cliFixtures();

describe.concurrent("sluice CLI", { timeout: 120_000 }, () => {
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
  });
});
