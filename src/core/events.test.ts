import { describe, expect, it } from "vitest";
import { type EventName, type EventPhase, type RunType, eventName, parseEventName } from "./events.ts";
import { RunnableLambda } from "./index.ts";

const TYPES: RunType[] = ["chain", "prompt", "chat_model", "parser", "retriever", "tool"];
const PHASES: EventPhase[] = ["start", "stream", "end", "error"];

describe("event names", () => {
  it("eventName and parseEventName are inverses for every run type and phase", () => {
    for (const type of TYPES) {
      for (const phase of PHASES) {
        const name = eventName(type, phase);
        expect(name).toBe(`on_${type}_${phase}`);
        expect(parseEventName(name)).toEqual([type, phase]);
      }
    }
  });

  it("parses a name it does not know by its shape", () => {
    expect(parseEventName("on_llm_stream" as EventName)).toEqual(["llm", "stream"]);
  });

  it("events carry these names", async () => {
    const events = [];
    for await (const e of RunnableLambda.from((x: number) => x + 1).streamEvents(1, { version: "v2" })) {
      events.push(e.event);
    }
    expect(events).toEqual([
      eventName("chain", "start"),
      eventName("chain", "stream"),
      eventName("chain", "end"),
    ]);
  });
});
