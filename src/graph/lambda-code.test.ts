import { describe, expect, it } from "vitest";
import { chain, lambda } from "./fixtures/builders.ts";
import { graphProblems } from "./graph-problems.ts";
import { LambdaCodeError, analyzeLambda } from "./lambda-code.ts";

describe("lambda code", () => {
  const problemOf = (code: string) => {
    const problems = graphProblems(chain([lambda("f", code)]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: "nodes[0].data.code", nodeId: "f", severity: "error" });
    return problems[0]!.message;
  };

  it("reports a syntax error with the line and column of multi-line code", () => {
    const code = ["function f(x) {", "  const y = x +;", "  return y;", "}"].join("\n");
    expect(problemOf(code)).toMatch(/^syntax error at line 2, column 16: Unexpected token$/);
    try {
      analyzeLambda(code);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(LambdaCodeError);
      expect(err).toMatchObject({ line: 2, column: 16 });
    }
  });

  it("counts columns from 1 on the first line too", () => {
    // `;` is the 27th character of the line, `{` the 16th.
    expect(problemOf("function f(x) { return x +; }")).toMatch(/^syntax error at line 1, column 27: /);
    expect(problemOf("  function f(x { return x; }")).toMatch(/^syntax error at line 1, column 16: /);
  });

  it("points at an unterminated string on a later line", () => {
    const code = 'async function* g(chunks) {\n  for await (const c of chunks) {\n    yield "oops;\n  }\n}';
    expect(problemOf(code)).toMatch(/^syntax error at line 3, column 11: Unterminated string constant$/);
  });

  it("wants exactly one function", () => {
    for (const code of ["1 + 2", "function a() {}\nfunction b() {}", "0); alert(1); (function f() {}", ""]) {
      expect(problemOf(code), code).toMatch(/must be one function|syntax error/);
    }
    expect(problemOf("function* gen(x) { yield x; }")).toMatch(/must be an `async function\*`/);
  });

  it("accepts declarations, expressions, arrows and async generators", () => {
    for (const code of [
      "function reverse(text) { return [...text].reverse().join(''); }",
      "(x) => x * 2",
      "async (x) => x",
      "async function* upper(chunks) { for await (const c of chunks) yield c.toUpperCase(); }",
      "function f(x) {\n  // a comment at the end\n  return x;\n} // trailing",
    ]) {
      expect(graphProblems(chain([lambda("f", code)])), code).toEqual([]);
    }
    expect(analyzeLambda("async function* upper(c) { yield* c; }")).toEqual({
      isGenerator: true,
      name: "upper",
    });
    expect(analyzeLambda("(x) => x")).toEqual({ isGenerator: false, name: undefined });
  });
});
