import { describe, expect, it } from "vitest";
import { AIMessageChunk } from "../../../core/index.ts";
import { eventPreview, formatEventTime, phaseOf } from "./event-format.ts";
import { timed } from "./test-events.ts";

const preview = (...args: Parameters<typeof timed>) => eventPreview(timed(...args).event);

describe("event rows", () => {
  it("previews what each phase carries", () => {
    expect(preview("on_parser_stream", "P", { chunk: "a\nb" })).toBe('"a\\nb"');
    expect(preview("on_chat_model_stream", "M", { chunk: new AIMessageChunk({ content: "Hi" }) })).toBe(
      'ai: "Hi"',
    );
    expect(preview("on_prompt_start", "T", { input: { topic: "x" } })).toBe('{"topic":"x"}');
    expect(preview("on_chain_end", "S", { output: [1, 2], input: "ignored" })).toBe("[1,2]");
    expect(preview("on_tool_error", "T", { error: { name: "TypeError", message: "bad" } })).toBe(
      "TypeError: bad",
    );
    expect(preview("on_parser_start", "P", {})).toBe("");
  });

  it("keeps a preview to one short line", () => {
    const long = preview("on_chain_end", "S", { output: { text: "word ".repeat(100) } });
    expect(long.length).toBe(120);
    expect(long.endsWith("…")).toBe(true);
    expect(preview("on_chain_end", "S", { output: { a: "x\ny" } })).not.toContain("\n");
  });

  it("formats times and phases", () => {
    expect(formatEventTime(3.14159)).toBe("3.1 ms");
    expect(formatEventTime(1234.6)).toBe("1235 ms");
    expect(phaseOf(timed("on_chat_model_error", "M").event)).toBe("error");
  });
});
