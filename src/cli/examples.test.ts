import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, jsonLines, runCli } from "./testing.ts";

// CI runs every example through the CLI: each `examples/*.json` with its `exampleInput`, in every mode.
const dir = join(ROOT, "examples");
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
  : [];

interface Event {
  event: string;
  name: string;
  parent_ids?: string[];
  data: { output?: unknown };
}

describe
  .skipIf(files.length === 0)
  .concurrent("every example runs through the CLI", { timeout: 120_000 }, () => {
    it.each(files)("%s: invoke, stream and events", async (file) => {
      const path = join(dir, file);
      const doc = JSON.parse(readFileSync(path, "utf8")) as { exampleInput?: unknown };
      const input = ["--input", JSON.stringify(doc.exampleInput ?? {})];
      const run = (mode: string) => runCli(["run", path, ...input, "--allow-code", "--mode", mode]);
      // Invoke without --input: the CLI takes the document's own exampleInput.
      const invokeArgs = ["run", path, ...(doc.exampleInput === undefined ? input : []), "--allow-code"];
      const [invoke, stream, events] = await Promise.all([runCli(invokeArgs), run("stream"), run("events")]);
      for (const r of [invoke, stream, events]) {
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
      }
      const output = JSON.parse(invoke.stdout) as unknown;
      expect(output).not.toBeNull();
      expect(output).not.toEqual("");

      // The chunks add up to the output: text concatenates, a JSON parser's snapshots end in it.
      const chunks = jsonLines(stream.stdout);
      expect(chunks.length).toBeGreaterThan(0);
      if (chunks.every((c) => typeof c === "string")) expect(chunks.join("")).toEqual(output);
      else expect(chunks.at(-1)).toEqual(output);

      // Events: the root run starts first and ends last with the same output.
      const list = jsonLines(events.stdout) as Event[];
      expect(list[0]!.event).toMatch(/^on_\w+_start$/);
      expect(list[0]!.parent_ids).toEqual([]);
      const last = list.at(-1)!;
      expect(last.event).toMatch(/^on_\w+_end$/);
      expect(last.parent_ids).toEqual([]);
      expect(last.data.output).toEqual(output);
      expect(list.filter((e) => e.event.endsWith("_stream")).length).toBeGreaterThan(0);
    });

    it.skipIf(!files.includes("filter-demo.json"))(
      "filter-demo.json: the filters its description shows",
      async () => {
        const path = join(dir, "filter-demo.json");
        const base = ["run", path, "--mode", "events", "--input", '{"countries":"france, spain and japan"}'];
        const [parser, model] = await Promise.all([
          runCli([...base, "--include-names", "my_parser"]),
          runCli([...base, "--include-types", "chat_model,parser", "--exclude-names", "my_parser"]),
        ]);
        const names = (r: { stdout: string }) => new Set((jsonLines(r.stdout) as Event[]).map((e) => e.name));
        expect(names(parser)).toEqual(new Set(["my_parser"]));
        expect(names(model)).toEqual(new Set(["my_model"]));
      },
    );
  });
