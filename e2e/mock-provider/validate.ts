/**
 * Checks scenarios arriving as untyped JSON (control endpoint) or from JS callers. Unknown keys are
 * errors: a typo such as `pieceByte` must fail loudly instead of silently testing nothing.
 */
import type { Scenario } from "./scenario.ts";

type Check = (value: unknown, path: string) => void;

function fail(path: string, message: string): never {
  throw new Error(`invalid scenario: ${path} ${message}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const str: Check = (v, p) => {
  if (typeof v !== "string") fail(p, "must be a string");
};
const bool: Check = (v, p) => {
  if (typeof v !== "boolean") fail(p, "must be a boolean");
};
const num =
  (min: number, integer = false, max = Infinity): Check =>
  (v, p) => {
    if (
      typeof v !== "number" ||
      !Number.isFinite(v) ||
      v < min ||
      v > max ||
      (integer && !Number.isInteger(v))
    )
      fail(
        p,
        `must be a${integer ? "n integer" : " number"} >= ${min}${max < Infinity ? ` and <= ${max}` : ""}`,
      );
  };
const oneOf =
  (...values: string[]): Check =>
  (v, p) => {
    if (typeof v !== "string" || !values.includes(v)) fail(p, `must be one of ${values.join(", ")}`);
  };
const either =
  (a: Check, b: Check, what: string): Check =>
  (v, p) => {
    try {
      a(v, p);
    } catch {
      try {
        b(v, p);
      } catch {
        fail(p, `must be ${what}`);
      }
    }
  };
const plainObject: Check = (v, p) => {
  if (!isRecord(v)) fail(p, "must be an object");
};
const record =
  (item: Check): Check =>
  (v, p) => {
    if (!isRecord(v)) fail(p, "must be an object");
    for (const [k, x] of Object.entries(v)) item(x, `${p}.${k}`);
  };
const arr =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, "must be an array");
    v.forEach((x, i) => item(x, `${p}[${i}]`));
  };
const obj =
  (fields: Record<string, Check>, required: string[] = []): Check =>
  (v, p) => {
    if (!isRecord(v)) fail(p, "must be an object");
    for (const k of required) if (v[k] === undefined) fail(`${p}.${k}`, "is required");
    for (const [k, x] of Object.entries(v)) {
      const check = fields[k];
      if (!check) fail(`${p}.${k}`, "is not a known field");
      if (x !== undefined) check(x, `${p}.${k}`);
    }
  };

const count = num(0, true);
const after = obj({ afterChunks: count }, ["afterChunks"]);
const strOrNum = either(str, num(-Infinity), "a string or a number");

const scenario = obj({
  provider: oneOf("openai", "anthropic", "gemini", "ollama", "any"),
  path: str,
  text: str,
  reasoning: str,
  toolCalls: arr(obj({ id: str, name: str, args: plainObject }, ["name", "args"])),
  usage: obj({ input: count, output: count, reasoning: count, cacheRead: count, cacheWrite: count }),
  finishReason: str,
  model: str,
  id: str,
  headers: record(str),
  reasoningField: oneOf("reasoning_content", "reasoning"),
  tokens: obj({ chars: num(1, true), perSecond: num(0.001) }, ["chars"]),
  pieceBytes: num(1, true),
  delayMs: num(0),
  bom: bool,
  lineEnding: oneOf("lf", "crlf", "cr", "mixed"),
  comments: either(bool, str, "a boolean or a string"),
  multiLineData: bool,
  httpError: obj(
    {
      status: num(100, true, 599),
      type: str,
      code: strOrNum,
      message: str,
      retryAfterSec: num(0),
      retryAfterMs: num(0),
    },
    ["status"],
  ),
  streamError: obj({ afterChunks: count, type: str, code: strOrNum, message: str, thenDone: bool }, [
    "afterChunks",
  ]),
  abruptClose: after,
  reset: after,
  malformedLine: after,
  stall: obj({ afterChunks: count, ms: num(0) }, ["afterChunks"]),
});

function checkCombinations(s: Scenario, p: string): void {
  const terminal = [s.streamError, s.abruptClose, s.reset].filter((f) => f !== undefined);
  if (terminal.length > 1) fail(p, "may have only one of streamError, abruptClose, reset");
  const inStream = terminal.length > 0 || s.malformedLine !== undefined || s.stall !== undefined;
  if (s.httpError && inStream) fail(p, "httpError cannot be combined with in-stream faults");
  if (s.tokens?.perSecond !== undefined && s.delayMs !== undefined)
    fail(p, "tokens.perSecond and delayMs are alternative pacings; use one");
}

export function parseScenario(value: unknown, path = "scenario"): Scenario {
  scenario(value, path);
  // Safe: the structural check above covers every field of Scenario.
  const s = value as Scenario;
  checkCombinations(s, path);
  return s;
}

/** A Scenario or an array of them (the body of POST /__mock/script). */
export function parseScenarios(value: unknown): Scenario[] {
  return Array.isArray(value)
    ? value.map((v, i) => parseScenario(v, `scenario[${i}]`))
    : [parseScenario(value)];
}
