import Papa from "papaparse";

export type BatchFormat = "jsonl" | "csv";

/** One input of a batch and the line of the pasted text it starts on (1-based), for messages. */
export interface BatchInput {
  value: unknown;
  line: number;
}

export type ParsedBatch =
  | { ok: true; format: BatchFormat; inputs: BatchInput[]; warnings: string[] }
  | { ok: false; format: BatchFormat; line: number; message: string };

/** What the chain expects, as `rootInputs(doc)` reports it. */
export type ChainInputShape = { kind: "variables"; names: string[] } | { kind: "value" };

/**
 * JSON lines when the first non-blank line is a JSON object or array, or when every non-blank line
 * is JSON (a column of quoted strings or numbers); CSV otherwise. The user can override it.
 */
export function detectFormat(text: string): BatchFormat {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) return "csv";
  const first = tryJson(lines[0]!);
  if (first.ok && typeof first.value === "object" && first.value !== null) return "jsonl";
  return lines.every((l) => tryJson(l).ok) ? "jsonl" : "csv";
}

export function parseBatch(text: string, format: BatchFormat, shape: ChainInputShape): ParsedBatch {
  return format === "jsonl" ? parseJsonLines(text, shape) : parseCsv(text, shape);
}

/** One JSON value per line; blank lines are skipped. */
export function parseJsonLines(text: string, shape: ChainInputShape): ParsedBatch {
  const inputs: BatchInput[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const parsed = tryJson(line);
    if (!parsed.ok)
      return { ok: false, format: "jsonl", line: i + 1, message: `Line ${i + 1}: ${parsed.error}` };
    inputs.push({ value: parsed.value, line: i + 1 });
  }
  return { ok: true, format: "jsonl", inputs, warnings: jsonLineWarnings(inputs, shape) };
}

/**
 * CSV with a header row naming the chain's variables; every row becomes an object of strings.
 * Quoted fields may hold commas, quotes ("") and newlines (papaparse handles RFC 4180). The
 * delimiter is a comma, or a tab when the header has one (a paste from a spreadsheet): guessing
 * from the data would split a one-column file at the commas inside its values.
 */
export function parseCsv(raw: string, shape: ChainInputShape): ParsedBatch {
  // One line ending throughout: papaparse picks one for the whole text, and pastes mix them.
  const text = raw.replace(/\r\n?/g, "\n");
  const fail = (line: number, message: string): ParsedBatch => ({
    ok: false,
    format: "csv",
    line,
    message: `Line ${line}: ${message}`,
  });
  const firstLine = text.split("\n").find((l) => l.trim() !== "") ?? "";
  const lineAt = lineCounter(text);
  const rows: { fields: string[]; line: number }[] = [];
  let problem: ParsedBatch | undefined;
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter: firstLine.includes("\t") ? "\t" : ",",
    skipEmptyLines: "greedy",
    step: (result, parser) => {
      const line = lineAt(firstContentIndex(text, rowStart));
      rowStart = result.meta.cursor;
      const error = result.errors[0];
      if (error) {
        problem = fail(error.index !== undefined ? lineAt(error.index) : line, describeCsvError(error));
        parser.abort();
        return;
      }
      rows.push({ fields: result.data, line });
    },
  });
  if (problem) return problem;
  const [header, ...body] = rows;
  if (!header) return { ok: true, format: "csv", inputs: [], warnings: [] };
  const columns = header.fields.map((f) => f.trim());
  const blank = columns.findIndex((c) => c === "");
  if (blank >= 0) return fail(header.line, `column ${blank + 1} of the header has no name`);
  const inputs: BatchInput[] = [];
  for (const row of body) {
    if (row.fields.length !== columns.length) {
      return fail(
        row.line,
        `${row.fields.length} field${row.fields.length === 1 ? "" : "s"}, but the header has ${columns.length}`,
      );
    }
    inputs.push({ value: Object.fromEntries(columns.map((c, i) => [c, row.fields[i]!])), line: row.line });
  }
  return { ok: true, format: "csv", inputs, warnings: columnWarnings(columns, shape) };
}

/** Says which of the chain's variables the CSV lacks (those runs will fail) and which columns go unused. */
export function columnWarnings(columns: readonly string[], shape: ChainInputShape): string[] {
  if (shape.kind === "value")
    return ["This chain takes one value, not named variables: each row is passed as an object."];
  const warnings: string[] = [];
  const missing = shape.names.filter((n) => !columns.includes(n));
  const unused = columns.filter((c) => !shape.names.includes(c));
  if (missing.length > 0)
    warnings.push(`Missing column${plural(missing)} for the chain: ${missing.join(", ")}.`);
  if (unused.length > 0)
    warnings.push(`Column${plural(unused)} the chain does not use: ${unused.join(", ")}.`);
  return warnings;
}

function jsonLineWarnings(inputs: readonly BatchInput[], shape: ChainInputShape): string[] {
  if (shape.kind !== "variables") return [];
  const lacking = inputs.filter(
    ({ value }) =>
      typeof value !== "object" ||
      value === null ||
      Array.isArray(value) ||
      shape.names.some((n) => !(n in value)),
  );
  if (lacking.length === 0) return [];
  const first = lacking[0]!.line;
  const count = lacking.length === 1 ? "1 line lacks" : `${lacking.length} lines lack`;
  return [`${count} the chain's variables (${shape.names.join(", ")}), first on line ${first}.`];
}

function tryJson(line: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function describeCsvError(error: Papa.ParseError): string {
  if (error.code === "MissingQuotes") return "a quoted field is never closed";
  if (error.code === "InvalidQuotes")
    return 'a quoted field has text after its closing quote (write a quote inside one as "")';
  return error.message;
}

/** Skips the blank lines papaparse passed over, so a row's line is where its text starts. */
function firstContentIndex(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** Line number (1-based) of an offset in "\n"-only text; offsets mostly grow, so it counts on from the last. */
function lineCounter(text: string): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset) => {
    if (offset < pos) {
      pos = 0;
      line = 1;
    }
    for (; pos < offset && pos < text.length; pos++) if (text[pos] === "\n") line++;
    return line;
  };
}

function plural(list: readonly unknown[]): string {
  return list.length === 1 ? "" : "s";
}
