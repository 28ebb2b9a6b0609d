import { describe, expect, it } from "vitest";
import { AIMessage, AIMessageChunk } from "./ai.ts";
import { HumanMessage, SystemMessage } from "./base.ts";
import { ChatPromptValue } from "./prompt-value.ts";
import { reviveStoredValue, toStoredValue } from "./revive.ts";

/** What storage does to a value: JSON text in, JSON text out. */
const throughJson = (value: unknown) => JSON.parse(JSON.stringify(toStoredValue(value))) as unknown;

describe("toStoredValue / reviveStoredValue", () => {
  it("brings messages back as the same classes with the same fields", () => {
    const chunk = new AIMessageChunk({
      content: "Hel",
      id: "run-1",
      response_metadata: { finish_reason: "stop", model: "m" },
      additional_kwargs: { reasoning_content: "hmm" },
      usage_metadata: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
      tool_call_chunks: [{ index: 0, id: "call_1", name: "lookup", args: '{"q":"pa' }],
    });
    const values = [
      chunk,
      new AIMessage({ content: "done", tool_calls: [{ id: "t", name: "f", args: { a: 1 } }] }),
      new HumanMessage({ content: "hi", name: "ann" }),
      new SystemMessage("be brief"),
    ];
    const back = reviveStoredValue(throughJson(values)) as unknown[];
    expect(back).toStrictEqual(values);
    expect(back[0]).toBeInstanceOf(AIMessageChunk);
    expect(back[1]).toBeInstanceOf(AIMessage);
    expect(back[1]).not.toBeInstanceOf(AIMessageChunk);
    expect(back[2]).toBeInstanceOf(HumanMessage);
    expect(back[3]).toBeInstanceOf(SystemMessage);
    // A revived chunk still concatenates like one.
    expect((back[0] as AIMessageChunk).concat(new AIMessageChunk("lo")).content).toBe("Hello");
  });

  it("revives prompt values and messages nested in events, and leaves plain data alone", () => {
    const event = {
      event: "on_chat_model_start",
      data: { input: { messages: [[new HumanMessage("tell me a joke")]] } },
      metadata: { node_id: "m" },
    };
    const prompt = new ChatPromptValue([new SystemMessage("s"), new HumanMessage("h")]);
    const docs = [{ pageContent: "Paris", metadata: { source: "wiki", score: 0.5 } }];
    const value = { event, prompt, docs, partial: { type: "ai", content: "not a message" }, n: null };
    const back = reviveStoredValue(throughJson(value)) as typeof value;
    expect(back).toStrictEqual(value);
    expect(back.prompt).toBeInstanceOf(ChatPromptValue);
    expect(back.prompt.toString()).toBe("System: s\nHuman: h");
    // A plain object shaped like a message stays a plain object.
    expect(back.partial).not.toBeInstanceOf(AIMessage);
  });

  it("keeps a user's object that owns the tag key as it was", () => {
    const tricky = { $sluice: "message", fields: { content: "x" }, class: "AIMessageChunk" };
    expect(reviveStoredValue(throughJson([tricky]))).toStrictEqual([tricky]);
  });

  it("stores only JSON data: functions, undefined and non-finite numbers go the JSON way", () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const stored = toStoredValue({
      f: () => 1,
      u: undefined,
      list: [undefined, Number.NaN, 1n],
      err: new TypeError("bad"),
      map: new Map([["k", new Set([1])]]),
      when: new Date(5),
      circular,
    });
    expect(stored).toStrictEqual({
      list: [null, null, "1"],
      err: { name: "TypeError", message: "bad" },
      map: { k: [1] },
      when: { $sluice: "date", time: 5 },
      circular: { a: 1, self: "[Circular]" },
    });
    expect(reviveStoredValue(stored)).toMatchObject({ when: new Date(5) });
  });

  it("never lets a stored __proto__ key replace a prototype", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as unknown;
    const back = reviveStoredValue(toStoredValue(parsed)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(back)).toEqual(["__proto__", "ok"]);
  });
});
