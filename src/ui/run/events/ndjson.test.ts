import { describe, expect, it } from "vitest";
import { AIMessageChunk } from "../../../core/index.ts";
import { eventJson, eventsToNdjson } from "./ndjson.ts";
import { safeStringify } from "./safe-json.ts";
import { timed } from "./test-events.ts";

describe("eventsToNdjson", () => {
  const events = [
    timed("on_chain_start", "Seq", { input: { topic: "x" } }, { t: 0.12345 }),
    timed(
      "on_chat_model_stream",
      "Model",
      { chunk: new AIMessageChunk({ content: "Hi" }) },
      { t: 3.5, nodeId: "m" },
    ),
    timed("on_chain_end", "Seq", { output: "Hi" }, { t: 4 }),
  ];

  it("writes one JSON object per line with t first, messages through toJSON", () => {
    const text = eventsToNdjson(events, events.length);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(parsed[0] ?? {})[0]).toBe("t");
    expect(parsed[0]?.t).toBe(0.123);
    expect(parsed[1]).toMatchObject({
      t: 3.5,
      event: "on_chat_model_stream",
      name: "Model",
      metadata: { node_id: "m" },
      data: { chunk: { type: "ai", content: "Hi" } },
    });
  });

  it("writes only the given events, in order, or the first `count` without them", () => {
    const lines = eventsToNdjson(events, 3, [0, 2]).trimEnd().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { event: string }).event)).toEqual([
      "on_chain_start",
      "on_chain_end",
    ]);
    expect(eventsToNdjson(events, 2).trimEnd().split("\n")).toHaveLength(2);
    expect(eventsToNdjson(events, 0)).toBe("");
  });

  it("pretty-prints one event for the detail view", () => {
    const json = eventJson(events[1]!);
    expect(json).toContain('\n  "event": "on_chat_model_stream"');
    expect(JSON.parse(json)).toMatchObject({ t: 3.5, data: { chunk: { type: "ai" } } });
  });
});

describe("safeStringify", () => {
  it("survives what JSON.stringify rejects", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(JSON.parse(safeStringify({ cyclic, n: 2n }))).toEqual({
      cyclic: { a: 1, self: "[Circular]" },
      n: "2n",
    });
    const shared = { x: 1 };
    expect(JSON.parse(safeStringify({ a: shared, b: shared, c: cyclic }))).toEqual({
      a: { x: 1 },
      b: { x: 1 },
      c: { a: 1, self: "[Circular]" },
    });
    expect(safeStringify(undefined)).toBe("undefined");
  });
});
