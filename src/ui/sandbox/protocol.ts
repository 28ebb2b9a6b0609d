/**
 * The sandbox's message protocol (docs/sandbox.md#protocol): the page (host) talks to the sandbox
 * iframe (bridge) with `postMessage`; the bridge talks to one Worker per lambda.
 *
 * Every message crossing a boundary is checked here before anything acts on it. The checks return a
 * rebuilt message with only the known fields (or a reason string), so junk never travels further.
 * `parseHostMessage` and `parseWorkerMessage` also run inside the sandbox (they are turned into
 * source text), so they must stay self-contained: no imports, no module-level names.
 */

/** Names the protocol and its version; every page ⇄ frame message carries it. */
export const CHANNEL = "sluice-sandbox/1";

/** A thrown error as it crosses the boundary. */
export interface ErrorInfo {
  name: string;
  message: string;
  stack?: string;
  /** The lambda rethrew the failure of its own input stream (the host rethrows the original). */
  fromInput?: boolean;
}

/** What the bridge forwards to a lambda's worker. Ids are non-negative safe integers. */
export type RuntimeMessage =
  | { type: "load"; lambda: number; code: string; sourceUrl: string }
  | { type: "call"; lambda: number; call: number; input: unknown }
  | { type: "stream"; lambda: number; call: number; credit: number }
  | { type: "chunk"; lambda: number; call: number; value: unknown }
  | { type: "end"; lambda: number; call: number }
  | { type: "fail"; lambda: number; call: number; error: ErrorInfo }
  | { type: "credit"; lambda: number; call: number; n: number }
  | { type: "cancel"; lambda: number; call: number };

/** Page → frame. `kill` terminates a lambda's worker (the bridge starts a fresh one when needed). */
export type HostMessage = RuntimeMessage | { type: "kill"; lambda: number };

/** Worker → frame. `loaded` stays in the frame; the others go on to the page. */
export type WorkerMessage =
  | { type: "loaded" }
  | { type: "result"; call: number; value: unknown }
  | { type: "yield"; call: number; value: unknown; consumed: number }
  | { type: "wait"; call: number; consumed: number }
  | { type: "done"; call: number; consumed: number }
  | { type: "error"; call: number; error: ErrorInfo };

export type CallMessage = Exclude<WorkerMessage, { type: "loaded" }> & { lambda: number };

/** Frame → page. */
export type FrameMessage =
  { type: "ready" } | { type: "crash"; lambda: number; error: ErrorInfo } | CallMessage;

/** Checks a page → frame message (runs in the bridge). Returns the rebuilt message or why it was refused. */
export function parseHostMessage(data: unknown, token: string): HostMessage | string {
  const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
  const errorInfo = (v: unknown): ErrorInfo | undefined => {
    if (typeof v !== "object" || v === null) return undefined;
    const e = v as Record<string, unknown>;
    if (typeof e.name !== "string" || typeof e.message !== "string") return undefined;
    return { name: e.name, message: e.message };
  };
  if (typeof data !== "object" || data === null || Array.isArray(data)) return "not an object";
  const m = data as Record<string, unknown>;
  if (m.channel !== "sluice-sandbox/1") return "wrong channel";
  if (typeof token !== "string" || token.length < 16 || m.token !== token) return "wrong token";
  const lambda = m.lambda;
  if (!isId(lambda)) return "bad lambda id";
  const type = m.type;
  if (type === "load") {
    const code = m.code;
    const sourceUrl = m.sourceUrl;
    if (typeof code !== "string" || code.length > 1_000_000) return "bad code";
    if (typeof sourceUrl !== "string" || !/^lambda-[\w$-]{1,80}\.js$/.test(sourceUrl))
      return "bad source URL";
    return { type, lambda, code, sourceUrl };
  }
  if (type === "kill") return { type, lambda };
  const call = m.call;
  if (!isId(call)) return "bad call id";
  switch (type) {
    case "call":
      return { type, lambda, call, input: m.input };
    case "chunk":
      return { type, lambda, call, value: m.value };
    case "end":
    case "cancel":
      return { type, lambda, call };
    case "stream": {
      const credit = m.credit;
      return isId(credit) && credit > 0 ? { type, lambda, call, credit } : "bad credit";
    }
    case "credit": {
      const n = m.n;
      return isId(n) && n > 0 ? { type, lambda, call, n } : "bad credit";
    }
    case "fail": {
      const error = errorInfo(m.error);
      return error ? { type, lambda, call, error } : "bad error";
    }
    default:
      return "unknown message type";
  }
}

/**
 * Checks a worker → frame message (runs in the bridge). Lambda code can post anything from its
 * worker, so this is a boundary too; the bridge then adds the lambda id itself.
 */
export function parseWorkerMessage(data: unknown): WorkerMessage | string {
  const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
  if (typeof data !== "object" || data === null || Array.isArray(data)) return "not an object";
  const m = data as Record<string, unknown>;
  const type = m.type;
  if (type === "loaded") return { type };
  const call = m.call;
  if (!isId(call)) return "bad call id";
  if (type === "result") return { type, call, value: m.value };
  if (type === "error") {
    const e = m.error;
    if (typeof e !== "object" || e === null) return "bad error";
    const { name, message, stack, fromInput } = e as Record<string, unknown>;
    if (typeof name !== "string" || typeof message !== "string") return "bad error";
    if (stack !== undefined && typeof stack !== "string") return "bad error";
    if (fromInput !== undefined && typeof fromInput !== "boolean") return "bad error";
    const error: ErrorInfo = { name, message };
    if (stack !== undefined) error.stack = stack;
    if (fromInput) error.fromInput = true;
    return { type, call, error };
  }
  const consumed = m.consumed;
  if (!isId(consumed)) return "bad consumed count";
  if (type === "yield") return { type, call, value: m.value, consumed };
  if (type === "wait" || type === "done") return { type, call, consumed };
  return "unknown message type";
}

/** Checks a frame → page message (runs in the page). */
export function parseFrameMessage(data: unknown, token: string): FrameMessage | string {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return "not an object";
  const { channel, token: got, lambda, ...rest } = data as Record<string, unknown>;
  if (channel !== CHANNEL) return "wrong channel";
  if (typeof got !== "string" || got !== token) return "wrong token";
  if (rest.type === "ready") return { type: "ready" };
  if (typeof lambda !== "number" || !Number.isSafeInteger(lambda) || lambda < 0) return "bad lambda id";
  if (rest.type === "crash") {
    const parsed = parseWorkerMessage({ type: "error", call: 0, error: rest.error });
    if (typeof parsed === "string" || parsed.type !== "error") return "bad error";
    return { type: "crash", lambda, error: parsed.error };
  }
  const parsed = parseWorkerMessage(rest);
  if (typeof parsed === "string") return parsed;
  if (parsed.type === "loaded") return "unexpected message type";
  return { ...parsed, lambda };
}

/** Whether a message says it belongs to the sandbox protocol (others on the page are not ours to judge). */
export function claimsSandboxChannel(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { channel?: unknown }).channel === CHANNEL;
}
