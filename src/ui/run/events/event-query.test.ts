import { describe, expect, it } from "vitest";
import { compileDocument } from "../../../graph/index.ts";
import { createTestServices, instantJokeDocument } from "../../testing/test-services.tsx";
import {
  type EventQuery,
  activeRules,
  isUnfiltered,
  makeEventMatcher,
  modeOf,
  nextMode,
  setMode,
} from "./event-query.ts";
import { timed } from "./test-events.ts";

const query = (q: Partial<EventQuery>): EventQuery => ({ filters: {}, search: "", nodeIds: [], ...q });

describe("filter modes", () => {
  it("cycles a value through include, exclude and off, keeping one list per value", () => {
    expect(nextMode(undefined)).toBe("include");
    expect(nextMode("include")).toBe("exclude");
    expect(nextMode("exclude")).toBeUndefined();
    let f = setMode({}, "type", "parser", "include");
    expect(f).toEqual({ includeTypes: ["parser"] });
    expect(modeOf(f, "type", "parser")).toBe("include");
    f = setMode(f, "type", "parser", "exclude");
    expect(f).toEqual({ excludeTypes: ["parser"] });
    expect(modeOf(f, "type", "parser")).toBe("exclude");
    f = setMode(setMode(f, "tag", "a", "include"), "type", "parser", undefined);
    expect(f).toEqual({ includeTags: ["a"] });
    expect(modeOf(f, "name", "a")).toBeUndefined();
  });

  it("lists the active rules in a stable order", () => {
    const f = { includeNames: ["n"], excludeTags: ["x"], includeTypes: ["parser"] };
    expect(activeRules(f)).toEqual([
      { kind: "type", value: "parser", mode: "include" },
      { kind: "name", value: "n", mode: "include" },
      { kind: "tag", value: "x", mode: "exclude" },
    ]);
    expect(isUnfiltered(query({}))).toBe(true);
    expect(isUnfiltered(query({ search: "  " }))).toBe(true);
    expect(isUnfiltered(query({ nodeIds: ["a"] }))).toBe(false);
  });
});

describe("makeEventMatcher", () => {
  const prompt = timed(
    "on_prompt_start",
    "ChatPromptTemplate",
    { input: { topic: "Parrots" } },
    {
      nodeId: "p",
      tags: ["seq:step:1"],
    },
  );
  const chunk = timed(
    "on_parser_stream",
    "StrOutputParser",
    { chunk: "Polly" },
    { nodeId: "o", tags: ["seq:step:3"] },
  );
  const root = timed("on_chain_end", "RunnableSequence", { output: "done" });
  const all = [prompt, chunk, root];
  const names = (q: Partial<EventQuery>) => all.filter(makeEventMatcher(query(q))).map((e) => e.event.name);

  it("ORs includes and lets excludes win", () => {
    expect(names({ filters: { includeTypes: ["parser"], includeNames: ["RunnableSequence"] } })).toEqual([
      "StrOutputParser",
      "RunnableSequence",
    ]);
    expect(names({ filters: { includeTags: ["seq:step:1"], excludeNames: ["ChatPromptTemplate"] } })).toEqual(
      [],
    );
    expect(names({ filters: { excludeTypes: ["chain"] } })).toEqual([
      "ChatPromptTemplate",
      "StrOutputParser",
    ]);
  });

  it("searches event name, run name and data JSON, ignoring case", () => {
    expect(names({ search: "parrots" })).toEqual(["ChatPromptTemplate"]);
    expect(names({ search: "ON_PARSER" })).toEqual(["StrOutputParser"]);
    expect(names({ search: "runnablesequence" })).toEqual(["RunnableSequence"]);
    expect(names({ search: "nowhere" })).toEqual([]);
  });

  it("keeps only the selected nodes' events, combined with the other filters", () => {
    expect(names({ nodeIds: ["p", "o"] })).toEqual(["ChatPromptTemplate", "StrOutputParser"]);
    expect(names({ nodeIds: ["p", "o"], filters: { includeTypes: ["parser"] } })).toEqual([
      "StrOutputParser",
    ]);
  });

  it("shows exactly what streamEvents streams with the same filters", async () => {
    const services = createTestServices();
    await services.runner.run({ topic: "parrots" });
    services.flushFrames();
    const recorded = services.run.getState().events;
    const cases = [
      { includeTypes: ["parser"] },
      { includeNames: ["ScriptedChatModel"], includeTags: ["seq:step:1"] },
      { excludeTypes: ["chat_model"], excludeTags: ["seq:step:3"] },
    ];
    for (const filters of cases) {
      const expected: string[] = [];
      const chain = compileDocument(instantJokeDocument());
      for await (const e of chain.streamEvents({ topic: "parrots" }, { version: "v2", ...filters }))
        expected.push(`${e.event} ${e.name}`);
      const shown = recorded
        .filter(makeEventMatcher(query({ filters })))
        .map((e) => `${e.event.event} ${e.event.name}`);
      expect(expected.length).toBeGreaterThan(0);
      expect(shown).toEqual(expected);
    }
  });
});
