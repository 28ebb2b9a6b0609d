import { describe, expect, it } from "vitest";
import type { ChatPromptValue } from "../index.ts";
import {
  AIMessage,
  ChatPromptTemplate,
  HumanMessage,
  type PromptMessage,
  RunnableLambda,
  RunnableSequence,
  TemplateError,
  formatTemplate,
  parseTemplate,
} from "../index.ts";

const contents = async (prompt: ChatPromptTemplate, values: unknown) =>
  (await prompt.invoke(values as Record<string, unknown>)).messages.map((m) => [m.type, m.content]);

/** Messages as a caller without types might pass them. */
const loose = (messages: unknown) => messages as PromptMessage[];

/** The error `fn` throws; fails the test when it throws nothing. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error");
}

describe("f-string templates", () => {
  it("fills variables; {{ and }} are literal braces", async () => {
    const prompt = ChatPromptTemplate.fromTemplate('JSON like {{"a": {value}}} about {topic}');
    expect(prompt.inputVariables).toEqual(["value", "topic"]);
    expect(await contents(prompt, { value: "1", topic: "parrots" })).toEqual([
      ["human", 'JSON like {"a": 1} about parrots'],
    ]);
  });

  it("non-string variables are JSON.stringify'd", async () => {
    const prompt = ChatPromptTemplate.fromTemplate("{n} {flag} {list} {obj} {nothing}");
    expect(
      await contents(prompt, { n: 3, flag: true, list: [1, "a"], obj: { k: { x: null } }, nothing: null }),
    ).toEqual([["human", '3 true [1,"a"] {"k":{"x":null}} null']]);
  });

  it("a repeated variable is one input variable, in order of first use across messages", () => {
    const prompt = ChatPromptTemplate.fromMessages([
      ["system", "{a} {b} {a}"],
      ["human", "{c} {b}"],
    ]);
    expect(prompt.inputVariables).toEqual(["a", "b", "c"]);
  });

  it("roles: system, human/user, ai/assistant; a bare string is a human template", async () => {
    const prompt = ChatPromptTemplate.fromMessages([
      ["system", "s {x}"],
      ["user", "u"],
      ["assistant", "a"],
      ["ai", "a2"],
      "bare {x}",
    ]);
    expect(await contents(prompt, { x: "X" })).toEqual([
      ["system", "s X"],
      ["human", "u"],
      ["ai", "a"],
      ["ai", "a2"],
      ["human", "bare X"],
    ]);
  });

  it("a single-variable prompt also takes the bare value", async () => {
    expect(await contents(ChatPromptTemplate.fromTemplate("tell me about {topic}"), "owls")).toEqual([
      ["human", "tell me about owls"],
    ]);
  });
});

describe("mustache templates", () => {
  it("fills {{name}}, {{{name}}} and dotted paths, without HTML escaping", async () => {
    const prompt = ChatPromptTemplate.fromTemplate("{{greeting}}, {{user.name}} <{{{raw}}}> {{ spaced }}", {
      templateFormat: "mustache",
    });
    expect(prompt.inputVariables).toEqual(["greeting", "user", "raw", "spaced"]);
    expect(
      await contents(prompt, { greeting: "Hi", user: { name: "Ada" }, raw: "<b>&</b>", spaced: 1 }),
    ).toEqual([["human", "Hi, Ada <<b>&</b>> 1"]]);
  });

  it("a missing nested key renders empty; single braces are plain text", async () => {
    const prompt = ChatPromptTemplate.fromTemplate("{a} {{user.missing}}|", { templateFormat: "mustache" });
    expect(await contents(prompt, { user: {} })).toEqual([["human", "{a} |"]]);
  });

  it("sections, partials and comments are refused at construction", () => {
    const err = thrown(() =>
      ChatPromptTemplate.fromTemplate("{{#items}}x{{/items}}", { templateFormat: "mustache" }),
    );
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toContain("{{#items}}");
  });
});

describe("placeholders", () => {
  const prompt = ChatPromptTemplate.fromMessages([
    ["system", "You are terse."],
    ["placeholder", "{history}"],
    ["human", "{question}"],
  ]);

  it("expands a list of messages (messages, [role, text] pairs, {role, content})", async () => {
    const history = [
      new HumanMessage("hi"),
      ["ai", "hello"],
      { role: "user", content: "again" },
      new AIMessage("yes"),
    ];
    expect(await contents(prompt, { history, question: "why?" })).toEqual([
      ["system", "You are terse."],
      ["human", "hi"],
      ["ai", "hello"],
      ["human", "again"],
      ["ai", "yes"],
      ["human", "why?"],
    ]);
  });

  it("is optional", async () => {
    expect(await contents(prompt, { question: "why?" })).toEqual([
      ["system", "You are terse."],
      ["human", "why?"],
    ]);
  });

  it("must be exactly one variable", () => {
    expect(() => ChatPromptTemplate.fromMessages([["placeholder", "history: {history}"]])).toThrow(
      TemplateError,
    );
  });
});

describe("errors name what is wrong", () => {
  it("a missing variable names the variable and the prompt", async () => {
    const prompt = ChatPromptTemplate.fromMessages([["human", "{topic} in {style}"]]);
    prompt.name = "joke_prompt";
    await expect(prompt.invoke({ topic: "owls" })).rejects.toThrow(
      'Prompt "joke_prompt" is missing the variable "style" (it takes topic, style; got topic).',
    );
    await expect(prompt.invoke({})).rejects.toThrow('missing the variables "topic", "style"');
    await expect(prompt.invoke({})).rejects.toBeInstanceOf(TemplateError);
  });

  it("in a chain, the missing variable fails the run with that error", async () => {
    const chain = ChatPromptTemplate.fromTemplate("about {topic}").pipe((v: ChatPromptValue) => v.toString());
    await expect(chain.invoke({ subject: "x" })).rejects.toThrow('missing the variable "topic"');
  });

  it.each([
    [
      "unknown template format",
      () => ChatPromptTemplate.fromTemplate("{x}", { templateFormat: "jinja2" as never }),
      'Unknown template format "jinja2"',
    ],
    [
      "unknown format with no messages",
      () => new ChatPromptTemplate([], "jinja2" as never),
      'Unknown template format "jinja2"',
    ],
    ["unbalanced {", () => ChatPromptTemplate.fromTemplate("hello {name"), 'Unbalanced "{" at position 6'],
    ["unbalanced }", () => ChatPromptTemplate.fromTemplate("hello name}"), 'Unbalanced "}" at position 10'],
    ["nested {", () => ChatPromptTemplate.fromTemplate("{a {b}}"), 'Unbalanced "{" at position 0'],
    ["empty {}", () => ChatPromptTemplate.fromTemplate("a {} b"), 'Invalid variable name "{}"'],
    ["unknown role", () => ChatPromptTemplate.fromMessages(loose([["robot", "x"]])), 'unknown role "robot"'],
    [
      "a message that is not a pair",
      () => ChatPromptTemplate.fromMessages([null as never]),
      "Message 1 must be a [role, template] pair, but got null.",
    ],
    [
      "a pair without a template",
      () => ChatPromptTemplate.fromMessages([["human"] as never]),
      "Message 1 must be a [role, template] pair",
    ],
    [
      "a template that is not a string",
      () => ChatPromptTemplate.fromMessages([["human", 42 as never]]),
      "A template must be a string, but got number.",
    ],
    [
      "messages that are not a list",
      () => ChatPromptTemplate.fromMessages("hi" as never),
      "fromMessages takes a list",
    ],
  ])("%s fails at construction with a TemplateError", (_what, build, message) => {
    const err = thrown(build);
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toContain(message);
  });

  it.each([
    ["a string", "hello", "RunnableLambda needs a function, but got a string."],
    ["null", null, "RunnableLambda needs a function, but got null."],
    ["an object", { fn: 1 }, "RunnableLambda needs a function, but got an object."],
  ])("a lambda of %s fails at construction with a clear error", (_what, value, message) => {
    expect(() => RunnableLambda.from(value as never)).toThrow(message);
    expect(() => new RunnableLambda(value as never)).toThrow(message);
  });

  it("a sequence step that is not runnable fails at construction", () => {
    expect(() => RunnableSequence.from([ChatPromptTemplate.fromTemplate("{x}"), 42 as never])).toThrow(
      "Expected a runnable, a function or an object of them, but got 42.",
    );
  });
});

describe("parseTemplate / formatTemplate", () => {
  it("mustache input variables are the roots of dotted paths", () => {
    expect(parseTemplate("{{a.b.c}} {{a.d}} {{e}}", "mustache").variables).toEqual(["a", "e"]);
  });

  it("formats a parsed template with the same rules as the prompt", () => {
    const parsed = parseTemplate("{x}-{y}");
    expect(formatTemplate(parsed, { x: 1, y: "two" }, "f-string")).toBe("1-two");
  });
});
