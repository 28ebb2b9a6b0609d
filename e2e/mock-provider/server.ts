/**
 * A mock of the OpenAI, Anthropic, Gemini and Ollama chat APIs on their real paths, byte-compatible
 * with the real wire formats, scriptable per request with Scenarios (README.md). Test infrastructure:
 * standalone, Node built-ins only.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { anthropic } from "./anthropic.ts";
import { CONTROL_PREFIX, handleControl } from "./control.ts";
import { corsPolicies } from "./cors.ts";
import { gemini } from "./gemini.ts";
import { ollama } from "./ollama.ts";
import { openai } from "./openai.ts";
import { buildPlan } from "./plan.ts";
import type { RecordedRequest, StreamWrite } from "./record.ts";
import { flatHeaders, flatQuery, parseJson } from "./record.ts";
import type { Scenario } from "./scenario.ts";
import { matches, resolveReply } from "./scenario.ts";
import { Framer } from "./sse.ts";
import type { HttpReply, ProviderAdapter, ProviderId, RequestInfo, RouteMatch } from "./types.ts";
import { parseScenario } from "./validate.ts";
import { play, toItems } from "./writer.ts";

export type { RecordedRequest, StreamWrite } from "./record.ts";
export type * from "./scenario.ts";
export type { ProviderId } from "./types.ts";

export interface MockProviderOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Extra Ollama origins, OLLAMA_ORIGINS semantics ("*" allows all, one wildcard per entry). */
  allowedOrigins?: string[];
  /** When set for a provider, exactly this key is required (OpenAI needs no key otherwise). */
  apiKeys?: Partial<Record<ProviderId, string>>;
  /** List retry/rate-limit headers in Access-Control-Expose-Headers. Default false. */
  exposeHeaders?: boolean;
  /** Clock for timestamps inside payloads (created, created_at); default Date.now. */
  now?: () => number;
  /**
   * Called after every body write of a streamed answer (benchmarks match a token's write time to its
   * paint). Synchronous and on the hot path: keep it cheap.
   */
  onWrite?: (write: StreamWrite) => void;
}

export interface MockProvider {
  url: string;
  port: number;
  /** Live array: cleared in place by reset(). */
  requests: RecordedRequest[];
  /** Queue scenarios; each answers the next request it matches, FIFO. */
  script(...scenarios: Scenario[]): void;
  /** Drop queued scenarios and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const ADAPTERS: readonly ProviderAdapter[] = [openai, anthropic, gemini, ollama];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    // An aborted upload still resolves: the close handler records the abort.
    req.on("error", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

/** Waits ms (forever when undefined); false when the connection closed meanwhile. */
async function pause(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms ?? 2 ** 31 - 1, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function send(
  res: ServerResponse,
  rec: RecordedRequest,
  reply: HttpReply,
  extra: Record<string, string>,
): void {
  rec.status = reply.status;
  const length = String(Buffer.byteLength(reply.body));
  res.writeHead(reply.status, { ...extra, ...reply.headers, "content-length": length });
  res.end(reply.body);
}

export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const queue: Scenario[] = [];
  const requests: RecordedRequest[] = [];
  const live = new Set<AbortController>();
  const cors = corsPolicies({
    allowedOrigins: options.allowedOrigins ?? [],
    exposeHeaders: options.exposeHeaders ?? false,
  });
  const now = options.now ?? Date.now;
  let seq = 0;
  let closing = false;

  const take = (provider: ProviderId, pathname: string): Scenario => {
    const i = queue.findIndex((s) => matches(s, provider, pathname));
    return i < 0 ? {} : queue.splice(i, 1)[0]!;
  };

  async function answer(
    res: ServerResponse,
    rec: RecordedRequest,
    info: RequestInfo,
    adapter: ProviderAdapter,
    route: RouteMatch,
    signal: AbortSignal,
    flags: { serverClosed: boolean },
  ): Promise<void> {
    const host = info.headers.host ?? "";
    const policy = cors[adapter.id];
    if (info.method === "OPTIONS") return send(res, rec, policy.preflight(info, host), {});
    const decision = policy.actual(info, host);
    if (decision.refuse) return send(res, rec, decision.refuse, {});
    const corsHeaders = decision.headers;
    const ctx = { adapter, req: info, routeModel: route.model, nowMs: now(), seq: rec.seq };
    if (info.method !== "POST") {
      const reply = adapter.httpError(resolveReply({}, ctx), { status: 405, message: "method not allowed" });
      return send(res, rec, reply, corsHeaders);
    }
    if (info.body === undefined) {
      const spec = { status: 400, message: "mock-provider: the request body is not valid JSON" };
      return send(res, rec, adapter.httpError(resolveReply({}, ctx), spec), corsHeaders);
    }
    const refusal = adapter.refuse(info, options.apiKeys?.[adapter.id]);
    if (refusal) return send(res, rec, refusal, corsHeaders);

    const scenario = take(adapter.id, info.pathname);
    const reply = resolveReply(scenario, ctx);
    const headers = { ...corsHeaders, ...adapter.responseHeaders(reply) };
    const extra = scenario.headers ?? {};
    if (scenario.httpError) {
      return send(res, rec, adapter.httpError(reply, scenario.httpError), { ...headers, ...extra });
    }
    const format = adapter.streamFormat(info, route);
    if (!format) {
      // Non-streamed answers honour only the faults that make sense without a body in flight.
      if (scenario.stall && !(await pause(scenario.stall.ms, signal))) return;
      if (scenario.reset) {
        flags.serverClosed = true;
        return void res.socket?.destroy();
      }
      return send(res, rec, adapter.json(reply), { ...headers, ...extra });
    }
    const events = adapter.events(reply, format);
    const spec = scenario.streamError;
    const steps = buildPlan(events, scenario, () => (spec ? adapter.streamError(reply, spec, format) : []));
    const items = toItems(steps, new Framer(format, scenario));
    rec.status = 200;
    res.writeHead(200, { ...headers, "content-type": format.contentType, ...extra });
    res.flushHeaders();
    const pacing = {
      ...(scenario.pieceBytes !== undefined ? { pieceBytes: scenario.pieceBytes } : {}),
      ...(scenario.delayMs !== undefined ? { delayMs: scenario.delayMs } : {}),
      ...(scenario.tokens?.perSecond !== undefined ? { perSecond: scenario.tokens.perSecond } : {}),
    };
    const onWrite = options.onWrite;
    const listener = onWrite && ((bytes: Buffer, at: number) => onWrite({ request: rec, bytes, at }));
    await play(res, items, pacing, signal, () => (flags.serverClosed = true), listener);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://mock");
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      const raw = await readBody(req);
      return handleControl(req, res, raw, {
        script: (list) => queue.push(...list),
        requests: () => requests,
        pending: () => queue.length,
        reset,
      });
    }
    const match = ADAPTERS.map((a) => ({ adapter: a, route: a.match(url.pathname) })).find((m) => m.route);
    const rec: RecordedRequest = {
      seq: ++seq,
      method: req.method ?? "GET",
      path: url.pathname,
      query: flatQuery(url.searchParams),
      headers: flatHeaders(req.headers),
      body: undefined,
      rawBody: "",
      provider: match?.adapter.id ?? null,
      time: Date.now(),
      aborted: false,
    };
    requests.push(rec);
    const controller = new AbortController();
    live.add(controller);
    // Set when the mock itself drops the connection (reset fault): that is not a client abort.
    const flags = { serverClosed: false };
    res.on("close", () => {
      const t = Date.now();
      rec.endedAt ??= t;
      if (!res.writableFinished && !closing && !flags.serverClosed) {
        rec.aborted = true;
        rec.abortedAt = t;
      }
      controller.abort();
      live.delete(controller);
    });
    res.on("finish", () => (rec.endedAt ??= Date.now()));
    rec.rawBody = await readBody(req);
    rec.body = parseJson(rec.rawBody);
    const info: RequestInfo = {
      method: rec.method,
      pathname: url.pathname,
      query: url.searchParams,
      headers: rec.headers,
      body: rec.body,
      rawBody: rec.rawBody,
    };
    if (!match?.route) {
      const body = JSON.stringify({
        error: { message: `mock-provider: no provider at ${rec.method} ${rec.path}` },
      });
      const headers = { "content-type": "application/json", "access-control-allow-origin": "*" };
      return send(res, rec, { status: 404, headers, body }, {});
    }
    await answer(res, rec, info, match.adapter, match.route, controller.signal, flags);
  }

  function reset(): void {
    queue.length = 0;
    requests.length = 0;
    seq = 0;
  }

  const server = createServer({ noDelay: true }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) res.destroy();
      else {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`mock-provider internal error: ${err instanceof Error ? err.stack : String(err)}`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    requests,
    script: (...scenarios) => queue.push(...scenarios.map((s) => parseScenario(s))),
    reset,
    async close() {
      closing = true;
      for (const c of live) c.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
