import { parse } from "acorn";

interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/**
 * The lambda's JavaScript made acceptable to TypeScript under `strict`: `: any` on every parameter
 * (of nested functions too) and catch binding, and empty `{}` / `[]` literals widened with `as`.
 * Nothing else changes. Code that adds properties to a non-empty object literal still needs a
 * type by hand; tsx runs the program either way.
 */
export function typeParameters(code: string): string {
  // Parsed as the compiler parses it (see lambda-code.ts): wrapped in parentheses, one offset.
  const program = parse(`(${code}\n)`, { ecmaVersion: "latest", sourceType: "script" }) as unknown as AstNode;
  const inserts: { at: number; text: string }[] = [];
  const annotate = (param: AstNode) => {
    if (param.type === "AssignmentPattern") annotate(param.left as AstNode);
    else if (param.type === "RestElement")
      inserts.push({ at: (param.argument as AstNode).end, text: ": any[]" });
    else inserts.push({ at: param.end, text: ": any" });
  };
  visit(program, (node) => {
    if (/Function/.test(node.type)) {
      const params = node.params as AstNode[];
      const first = params[0];
      // `x => ...` needs parentheses to take a type.
      if (
        node.type === "ArrowFunctionExpression" &&
        first &&
        !code.slice(node.start - 1, first.start - 1).includes("(")
      ) {
        inserts.push({ at: first.start, text: "(" }, { at: first.end, text: ": any)" });
      } else params.forEach(annotate);
    } else if (node.type === "CatchClause" && node.param) annotate(node.param as AstNode);
    // Empty literals would be typed `{}` / evolving `any[]`, too narrow for code written as JavaScript.
    else if (node.type === "ObjectExpression" && (node.properties as unknown[]).length === 0) {
      inserts.push({ at: node.start, text: "(" }, { at: node.end, text: " as Record<string, any>)" });
    } else if (node.type === "ArrayExpression" && (node.elements as unknown[]).length === 0) {
      inserts.push({ at: node.start, text: "(" }, { at: node.end, text: " as any[])" });
    }
  });
  let out = code;
  for (const { at, text } of inserts.sort((a, b) => b.at - a.at))
    out = out.slice(0, at - 1) + text + out.slice(at - 1);
  return out;
}

function visit(node: AstNode, fn: (node: AstNode) => void): void {
  fn(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) visit(v, fn);
    } else if (isNode(value)) visit(value, fn);
  }
}

function isNode(value: unknown): value is AstNode {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}
