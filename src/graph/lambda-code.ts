import { parse } from "acorn";

export interface LambdaInfo {
  isGenerator: boolean;
  name: string | undefined;
}

export class LambdaCodeError extends Error {
  override name = "LambdaCodeError";
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * Checks that `code` is the source of exactly one function (declaration, expression or arrow) and
 * says whether it is an `async function*`. Parsing only: the code is never run here.
 *
 * @example
 * analyzeLambda("async function* upper(chunks) { for await (const c of chunks) yield c.toUpperCase(); }")
 * // { isGenerator: true, name: "upper" }
 */
export function analyzeLambda(code: string): LambdaInfo {
  let program;
  try {
    // Wrapping in parentheses makes a declaration parse as an expression; line 1 shifts by one column.
    program = parse(`(${code}\n)`, { ecmaVersion: "latest", sourceType: "script" });
  } catch (err) {
    const loc = (err as { loc?: { line: number; column: number } }).loc;
    const line = loc?.line ?? 1;
    const column = (loc?.column ?? 0) - (line === 1 ? 1 : 0) + 1;
    const reason = err instanceof Error ? err.message.replace(/\s*\(\d+:\d+\)$/, "") : String(err);
    throw new LambdaCodeError(`syntax error at line ${line}, column ${column}: ${reason}`, line, column);
  }
  const statement = program.body[0];
  const expression =
    program.body.length === 1 && statement?.type === "ExpressionStatement" ? statement.expression : undefined;
  if (
    !expression ||
    (expression.type !== "FunctionExpression" && expression.type !== "ArrowFunctionExpression")
  ) {
    throw new LambdaCodeError(
      "the code must be one function, such as `function reverse(text) { ... }` or `async function* upper(chunks) { ... }`",
      1,
      1,
    );
  }
  if (expression.generator && !expression.async) {
    throw new LambdaCodeError(
      "a generator lambda must be an `async function*` (it reads an async input stream)",
      1,
      1,
    );
  }
  const name = expression.type === "FunctionExpression" ? expression.id?.name : undefined;
  return { isGenerator: expression.type === "FunctionExpression" && expression.generator, name };
}
