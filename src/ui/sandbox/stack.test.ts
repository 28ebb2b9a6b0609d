import { describe, expect, it } from "vitest";
import { LambdaError, SandboxError } from "./errors.ts";
import { lambdaErrorFrom, lambdaFrames, lambdaSourceUrl } from "./stack.ts";

/** Evaluates code exactly as the worker does and returns what it throws. */
function thrownBy(code: string, sourceUrl: string, input: unknown): Error {
  const fn = (0, eval)(`(${code}\n)\n//# sourceURL=${sourceUrl}`) as (x: unknown) => unknown;
  try {
    fn(input);
  } catch (err) {
    return err as Error;
  }
  throw new Error("did not throw");
}

describe("lambdaSourceUrl", () => {
  it("names the code after the function, safely", () => {
    expect(lambdaSourceUrl("reverse")).toBe("lambda-reverse.js");
    expect(lambdaSourceUrl(undefined)).toBe("lambda-anonymous.js");
    expect(lambdaSourceUrl("a b/c")).toBe("lambda-a_b_c.js");
  });
});

describe("lambdaFrames", () => {
  it("maps V8 frames of evaluated code to the lambda's own lines and columns", () => {
    const url = "lambda-parse.js";
    const err = thrownBy(
      "function parse(text) {\n  const data = JSON.parse(text);\n  return data.items.map((item) => item.name.toUpperCase());\n}",
      url,
      '{"items":[{}]}',
    );
    expect(lambdaFrames(err.stack ?? "", url)).toEqual([
      { functionName: undefined, line: 3, column: 45 },
      { functionName: "parse", line: 3, column: 21 },
    ]);
  });

  it("takes the wrapper's parenthesis off line 1 only", () => {
    const url = "lambda-f.js";
    expect(lambdaFrames(thrownBy("function f(x) { return x.a.b; }", url, {}).stack ?? "", url)[0]).toEqual({
      functionName: "f",
      line: 1,
      column: 28,
    });
    const err = thrownBy('function g(x) {\n  if (x) {\n    throw new Error("bad input");\n  }\n}', url, true);
    expect(lambdaFrames(err.stack ?? "", url)[0]).toMatchObject({ line: 3, column: 11 });
  });

  it("reads Firefox/Safari frames and async V8 frames, and ignores other scripts", () => {
    const url = "lambda-up.js";
    const stack = [
      "up@lambda-up.js:2:9",
      "@lambda-up.js:1:5",
      "    at async up (lambda-up.js:4:3)",
      "    at drive (blob:null/0a1b:1:100)",
      "    at lambda-upper.js:1:1",
    ].join("\n");
    expect(lambdaFrames(stack, url)).toEqual([
      { functionName: "up", line: 2, column: 9 },
      { functionName: undefined, line: 1, column: 4 },
      { functionName: "up", line: 4, column: 3 },
    ]);
  });
});

describe("lambdaErrorFrom", () => {
  it("names the error, the lambda, the line and the column", () => {
    const err = lambdaErrorFrom(
      {
        name: "TypeError",
        message: "x is not a function",
        stack: "TypeError: x\n    at f (lambda-f.js:2:7)",
      },
      "f",
      "lambda-f.js",
    );
    expect(err).toBeInstanceOf(LambdaError);
    expect(err.message).toBe('TypeError in lambda "f" at line 2, column 7: x is not a function');
    expect(err).toMatchObject({ name: "LambdaError", errorName: "TypeError", line: 2, column: 7 });
    expect(err.stack).toBe(`LambdaError: ${err.message}\n    at f (line 2, column 7)`);
  });

  it("leaves the position out when no frame is in the lambda, and keeps sandbox errors apart", () => {
    expect(
      lambdaErrorFrom({ name: "Error", message: "boom" }, undefined, "lambda-anonymous.js").message,
    ).toBe("Error in the anonymous lambda: boom");
    const sandbox = lambdaErrorFrom(
      { name: "SandboxError", message: "its result: a Map at $" },
      "f",
      "lambda-f.js",
    );
    expect(sandbox).toBeInstanceOf(SandboxError);
    expect(sandbox.message).toBe('lambda "f": its result: a Map at $');
  });
});
