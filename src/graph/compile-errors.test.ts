import { describe, expect, it } from "vitest";
import { ScriptedChatModel } from "../core/index.ts";
import { CompileError, compileDocument } from "./compile.ts";
import { chain, edge, lambda, model, passthrough } from "./fixtures/builders.ts";
import { collect } from "./fixtures/plain-events.ts";
import type { NodeOfType } from "./schema.ts";

describe("compile errors", () => {
  it("refuses a document with graph errors, listing them", () => {
    const doc = chain([passthrough("a"), passthrough("b")], [edge("a", "b"), edge("b", "a")]);
    expect(() => compileDocument(doc)).toThrow(CompileError);
    try {
      compileDocument(doc);
    } catch (err) {
      expect((err as CompileError).problems.map((p) => p.message)).toEqual([
        "the chain has a cycle: Passthrough → Passthrough → Passthrough",
      ]);
      expect((err as Error).message).toBe(
        "The chain cannot run: the chain has a cycle: Passthrough → Passthrough → Passthrough",
      );
    }
  });

  it("a lambda without a code runner is a compile error naming the node", () => {
    const doc = chain(
      [passthrough("in"), lambda("f", "function reverse(x) { return x; }", { name: "rev" })],
      [edge("in", "f")],
    );
    let error: unknown;
    try {
      compileDocument(doc);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).problems).toEqual([
      {
        path: "nodes[1]",
        message: 'Lambda "rev" has code, but running code is not allowed here.',
        nodeId: "f",
        severity: "error",
      },
    ]);
  });

  it("a provider model needs the host's model factory, which gets the node's data", async () => {
    const doc = chain([model("m", ["unused"], { name: "gpt" })]);
    const node = doc.nodes[0] as NodeOfType<"model">;
    node.data = { provider: "openai", model: "gpt-4o-mini", params: { temperature: 0 } };
    expect(() => compileDocument(doc)).toThrow(/uses openai, but no model providers were given/);
    const seen: unknown[] = [];
    const compiled = compileDocument(doc, {
      createChatModel: (data) => {
        seen.push(data);
        return new ScriptedChatModel({ responses: ["from the factory"] });
      },
    });
    expect(seen).toEqual([{ provider: "openai", model: "gpt-4o-mini", params: { temperature: 0 } }]);
    const events = await collect(compiled.streamEvents("hi", { version: "v2" }));
    expect(events[0]).toMatchObject({
      event: "on_chat_model_start",
      name: "gpt",
      metadata: { node_id: "m" },
    });
    expect(events.at(-1)).toMatchObject({ data: { output: { content: "from the factory" } } });
  });
});
