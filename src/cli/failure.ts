import type { StreamEvent } from "../core/index.ts";
import type { ChainDocument, ChainNode } from "../graph/index.ts";
import { LambdaRuntimeError } from "./code-runner.ts";
import { nodeTitle, oneLine } from "./load.ts";

const JS_ERRORS = new Set([
  "TypeError",
  "RangeError",
  "ReferenceError",
  "SyntaxError",
  "URIError",
  "EvalError",
  "AggregateError",
]);
const MAX_MESSAGE = 600;

/**
 * Works out where a run failed, for the one-line error: the node whose run reported the error
 * first (runs carry `metadata.node_id`), or the node a construction error was tagged with; the
 * provider of a model node; and the HTTP status the provider error carries.
 */
export class FailureTracker {
  private originNodeId: string | undefined;
  private readonly tagged = new WeakMap<object, ChainNode>();
  private readonly byId: Map<string, ChainNode>;

  constructor(doc: ChainDocument) {
    this.byId = new Map(doc.nodes.map((n) => [n.id, n]));
  }

  /** Sees every event of the run; the first error event with a node is where it broke. */
  observe(event: StreamEvent): void {
    if (this.originNodeId !== undefined || !event.event.endsWith("_error")) return;
    const nodeId = event.metadata.node_id;
    if (typeof nodeId === "string" && this.byId.has(nodeId)) this.originNodeId = nodeId;
  }

  tag(err: unknown, node: ChainNode | undefined): void {
    if (node && typeof err === "object" && err !== null) this.tagged.set(err, node);
  }

  node(err: unknown): ChainNode | undefined {
    const tagged = typeof err === "object" && err !== null ? this.tagged.get(err) : undefined;
    return tagged ?? (this.originNodeId === undefined ? undefined : this.byId.get(this.originNodeId));
  }

  /** `sluice: run failed at node "Model" (id m, provider openai, status 500): message`. */
  describe(err: unknown): string {
    const node = this.node(err);
    const details: string[] = [];
    if (node) details.push(`id ${node.id}`);
    const provider = node?.type === "model" ? node.data.provider : stringProp(err, "provider");
    if (node?.type === "lambda") details.push("lambda");
    if (provider) details.push(`provider ${provider}`);
    const status = statusOf(err);
    if (status !== undefined) details.push(`status ${status}`);
    const where = node ? ` at node "${nodeTitle(node)}"` : "";
    const extra = details.length > 0 ? ` (${details.join(", ")})` : "";
    return `sluice: run failed${where}${extra}: ${errorText(err)}`;
  }
}

/** An error's message on one line, with a JavaScript error's name kept (it says what went wrong). */
export function errorText(err: unknown): string {
  let text: string;
  if (err instanceof Error) {
    const named = JS_ERRORS.has(err.name) || err instanceof LambdaRuntimeError;
    text = named && !err.message.startsWith(err.name) ? `${err.name}: ${err.message}` : err.message;
    if (text === "") text = err.name;
  } else text = String(err);
  text = oneLine(text);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** The HTTP status a provider error carries, under the names libraries use for it. */
export function statusOf(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as Record<string, unknown>;
  for (const value of [
    e.status,
    e.statusCode,
    e.httpStatus,
    (e.response as { status?: unknown } | undefined)?.status,
  ]) {
    if (typeof value === "number" && Number.isInteger(value) && value >= 100 && value <= 599) return value;
  }
  return undefined;
}

function stringProp(err: unknown, key: string): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const value = (err as Record<string, unknown>)[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}
