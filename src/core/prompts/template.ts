/**
 * Template strings: f-string (`{name}`, with `{{` and `}}` for literal braces) and mustache
 * (`{{name}}`, dotted paths). Parsed once at construction so mistakes surface there, not at run time.
 */

export type TemplateFormat = "f-string" | "mustache";

type Part = { text: string } | { variable: string };

export interface ParsedTemplate {
  parts: Part[];
  variables: string[];
}

export class TemplateError extends Error {
  override name = "TemplateError";
}

export function parseTemplate(template: string, format: TemplateFormat = "f-string"): ParsedTemplate {
  if (typeof template !== "string")
    throw new TemplateError(`A template must be a string, but got ${typeof template}.`);
  if (format === "f-string") return finish(parseFString(template));
  if (format === "mustache") return finish(parseMustache(template), "mustache");
  throw new TemplateError(`Unknown template format "${String(format)}": use "f-string" or "mustache".`);
}

function finish(parts: Part[], format: TemplateFormat = "f-string"): ParsedTemplate {
  const variables: string[] = [];
  for (const p of parts) {
    if (!("variable" in p)) continue;
    // A mustache path (`{{user.name}}`) needs the object at its root, as LangChain's input variables say.
    const name = format === "mustache" ? (p.variable.split(".")[0] ?? "") : p.variable;
    if (name !== "" && !variables.includes(name)) variables.push(name);
  }
  return { parts, variables };
}

function parseFString(t: string): Part[] {
  const parts: Part[] = [];
  let text = "";
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === "{" && t[i + 1] === "{") {
      text += "{";
      i++;
    } else if (c === "}" && t[i + 1] === "}") {
      text += "}";
      i++;
    } else if (c === "{") {
      const end = t.indexOf("}", i + 1);
      const name = end < 0 ? "" : t.slice(i + 1, end).trim();
      if (end < 0 || t.slice(i + 1, end).includes("{")) {
        throw new TemplateError(
          `Unbalanced "{" at position ${i} in template "${clip(t)}" (write "{{" for a literal brace).`,
        );
      }
      if (!/^[\p{L}_][\p{L}\p{N}_.-]*$/u.test(name)) {
        throw new TemplateError(
          `Invalid variable name "{${name}}" at position ${i} in template "${clip(t)}".`,
        );
      }
      if (text) parts.push({ text });
      text = "";
      parts.push({ variable: name });
      i = end;
    } else if (c === "}") {
      throw new TemplateError(
        `Unbalanced "}" at position ${i} in template "${clip(t)}" (write "}}" for a literal brace).`,
      );
    } else text += c;
  }
  if (text) parts.push({ text });
  return parts;
}

function parseMustache(t: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  const re = /\{\{\{?\s*([^{}]*?)\s*\}?\}\}/g;
  for (const m of t.matchAll(re)) {
    const name = m[1] ?? "";
    if (/^[#^/!>&]/.test(name)) {
      throw new TemplateError(
        `Mustache sections, partials and comments are not supported ("{{${name}}}" in "${clip(t)}").`,
      );
    }
    if (!name) throw new TemplateError(`Empty mustache tag at position ${m.index} in "${clip(t)}".`);
    if (m.index > last) parts.push({ text: t.slice(last, m.index) });
    parts.push({ variable: name });
    last = m.index + m[0].length;
  }
  if (last < t.length) parts.push({ text: t.slice(last) });
  return parts;
}

/** Fills a parsed template; non-string values are JSON-stringified, as LangChain does. */
export function formatTemplate(
  parsed: ParsedTemplate,
  values: Record<string, unknown>,
  format: TemplateFormat,
): string {
  let out = "";
  for (const p of parsed.parts) {
    if ("text" in p) out += p.text;
    else {
      const value = format === "mustache" ? lookupPath(values, p.variable) : values[p.variable];
      out += typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return out;
}

function lookupPath(values: Record<string, unknown>, path: string): unknown {
  if (path === ".") return values;
  let cur: unknown = values;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, key)) return "";
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function clip(t: string): string {
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
