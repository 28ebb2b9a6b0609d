import { describe, expect, it } from "vitest";
import { type ChainDocument, compileDocument, importDocument } from "../../graph/index.ts";
import { BrowserCodeRunner } from "./browser-code-runner.ts";
import { inProcessSandbox } from "./in-process-frame.ts";

/** prompt → scripted model → the lambda under test. */
function chainWith(code: string): ChainDocument {
  const opened = importDocument({
    format: "sluice.chain",
    version: 1,
    name: "Sandboxed",
    nodes: [
      {
        id: "p",
        type: "prompt",
        position: { x: 0, y: 0 },
        data: { messages: [{ role: "human", template: "say {topic}" }] },
      },
      {
        id: "m",
        type: "model",
        position: { x: 300, y: 0 },
        data: { provider: "scripted", model: "scripted", script: { responses: ["hello big world"] } },
      },
      { id: "l", type: "lambda", position: { x: 600, y: 0 }, data: { code } },
    ],
    edges: [
      { id: "e1", source: "p", target: "m" },
      { id: "e2", source: "m", target: "l" },
    ],
  });
  if (!opened.ok) throw new Error(opened.problems.map((p) => p.message).join("; "));
  return opened.document;
}

describe("BrowserCodeRunner in a compiled chain", () => {
  it("keeps a chain streaming through a generator lambda", async () => {
    const codeRunner = new BrowserCodeRunner({ frameFactory: inProcessSandbox().factory });
    const chain = compileDocument(
      chainWith(
        "async function* upper(chunks) {\n  for await (const c of chunks) yield c.content.toUpperCase();\n}",
      ),
      { codeRunner },
    );
    const chunks: unknown[] = [];
    for await (const chunk of await chain.stream({ topic: "hi" })) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe("HELLO BIG WORLD");

    const events: string[] = [];
    for await (const e of chain.streamEvents({ topic: "hi" }, { version: "v2" })) {
      if (e.name === "upper" && e.event === "on_chain_stream") events.push(String(e.data.chunk));
    }
    expect(events.join("")).toBe("HELLO BIG WORLD");
  });

  it("gives a plain lambda the model's final message as a plain object", async () => {
    const codeRunner = new BrowserCodeRunner({ frameFactory: inProcessSandbox().factory });
    const chain = compileDocument(
      chainWith('function words(message) {\n  return message.content.split(" ");\n}'),
      {
        codeRunner,
      },
    );
    expect(await chain.invoke({ topic: "hi" })).toEqual(["hello", "big", "world"]);
  });
});
