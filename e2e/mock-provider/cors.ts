/**
 * CORS per provider, as the reference describes each API: OpenAI and Anthropic answer any origin with
 * "*", Gemini refuses preflights that ask for unlisted headers, Ollama runs gin-contrib/cors with its
 * default origin list plus OLLAMA_ORIGINS (403 with an empty body for other origins).
 */
import type { HttpReply, ProviderId, RequestInfo } from "./types.ts";

export interface CorsDecision {
  /** Set when the CORS layer itself refuses the request (Ollama's 403). */
  refuse?: HttpReply;
  headers: Record<string, string>;
}

export interface CorsPolicy {
  preflight(req: RequestInfo, host: string): HttpReply;
  actual(req: RequestInfo, host: string): CorsDecision;
}

export interface CorsOptions {
  /** OLLAMA_ORIGINS semantics: added to Ollama's defaults; "*" allows every origin. */
  allowedOrigins: readonly string[];
  /** List retry and rate-limit headers in Access-Control-Expose-Headers (unverified for the real APIs). */
  exposeHeaders: boolean;
}

const EXPOSED = [
  "retry-after",
  "retry-after-ms",
  "x-request-id",
  "request-id",
  "x-ratelimit-limit-requests",
  "x-ratelimit-limit-tokens",
  "x-ratelimit-remaining-requests",
  "x-ratelimit-remaining-tokens",
  "x-ratelimit-reset-requests",
  "x-ratelimit-reset-tokens",
].join(", ");

const GEMINI_ALLOWED_HEADERS = new Set([
  "content-type",
  "x-goog-api-key",
  "x-goog-api-client",
  "authorization",
]);

/** Ollama's AllowHeaders, as gin-contrib/cors prints them (canonical case, comma without space). */
const OLLAMA_ALLOW_HEADERS = [
  "Authorization",
  "Content-Type",
  "User-Agent",
  "Accept",
  "X-Requested-With",
  "Openai-Beta",
  ...[
    "Arch",
    "Async",
    "Custom-Poll-Interval",
    "Helper-Method",
    "Lang",
    "Os",
    "Package-Version",
    "Poll-Helper",
    "Retry-Count",
    "Runtime",
    "Runtime-Version",
    "Timeout",
  ].map((h) => `X-Stainless-${h}`),
].join(",");

const OLLAMA_DEFAULT_ORIGINS = [
  ...["localhost", "127.0.0.1", "0.0.0.0"].flatMap((h) => [
    `http://${h}`,
    `https://${h}`,
    `http://${h}:*`,
    `https://${h}:*`,
  ]),
  "app://*",
  "file://*",
  "tauri://*",
  "vscode-webview://*",
  "vscode-file://*",
];

const empty = (status: number, headers: Record<string, string> = {}): HttpReply => ({
  status,
  headers,
  body: "",
});

function requestedHeaders(req: RequestInfo): string[] {
  const raw = req.headers["access-control-request-headers"] ?? "";
  return raw
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
}

function withExpose(headers: Record<string, string>, opts: CorsOptions): Record<string, string> {
  return opts.exposeHeaders ? { ...headers, "access-control-expose-headers": EXPOSED } : headers;
}

/** OpenAI and Anthropic: any origin, requested headers echoed. */
function starPolicy(opts: CorsOptions): CorsPolicy {
  return {
    preflight(req) {
      const headers: Record<string, string> = {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "GET, POST, OPTIONS",
      };
      const asked = req.headers["access-control-request-headers"];
      if (asked !== undefined) headers["access-control-allow-headers"] = asked;
      return empty(200, headers);
    },
    actual(req) {
      if (req.headers.origin === undefined) return { headers: {} };
      return { headers: withExpose({ "access-control-allow-origin": "*" }, opts) };
    },
  };
}

function geminiPolicy(opts: CorsOptions): CorsPolicy {
  return {
    preflight(req) {
      const asked = requestedHeaders(req);
      // Any header outside the allow-list fails the whole preflight, without CORS headers.
      if (asked.some((h) => !GEMINI_ALLOWED_HEADERS.has(h))) return empty(403);
      const headers: Record<string, string> = {
        "access-control-allow-origin": req.headers.origin ?? "*",
        "access-control-allow-methods": "DELETE,GET,HEAD,PATCH,POST,PUT",
        "access-control-max-age": "3600",
        vary: "origin, referer, x-origin",
      };
      if (asked.length > 0) headers["access-control-allow-headers"] = asked.join(",");
      return empty(200, headers);
    },
    actual(req) {
      const origin = req.headers.origin;
      if (origin === undefined) return { headers: {} };
      return {
        headers: withExpose(
          { "access-control-allow-origin": origin, vary: "Origin, X-Origin, Referer" },
          opts,
        ),
      };
    },
  };
}

/** gin-contrib/cors origin rules: exact entries, then one-wildcard prefix/suffix entries. */
function originMatcher(extra: readonly string[]): { all: boolean; test(origin: string): boolean } {
  const entries = [
    ...extra.map((o) => o.trim().toLowerCase()).filter((o) => o !== ""),
    ...OLLAMA_DEFAULT_ORIGINS,
  ];
  const all = entries.includes("*");
  const exact = new Set(entries.filter((o) => !o.includes("*")));
  const wild = entries
    .filter((o) => o.includes("*") && o !== "*")
    .map((o) => {
      if (o.split("*").length > 2) throw new Error(`allowedOrigins: only one * is allowed (${o})`);
      const i = o.indexOf("*");
      return { prefix: o.slice(0, i), suffix: o.slice(i + 1) };
    });
  return {
    all,
    test: (origin) =>
      all || exact.has(origin) || wild.some((w) => origin.startsWith(w.prefix) && origin.endsWith(w.suffix)),
  };
}

function ollamaPolicy(opts: CorsOptions): CorsPolicy {
  const origins = originMatcher(opts.allowedOrigins);
  /** undefined: not a CORS request (no Origin, or Origin equal to the Host); null: refused. */
  const check = (req: RequestInfo, host: string): string | undefined | null => {
    const origin = req.headers.origin;
    if (origin === undefined || origin === `http://${host}` || origin === `https://${host}`) return undefined;
    return origins.test(origin) ? origin : null;
  };
  const allowOrigin = (origin: string): string => (origins.all ? "*" : origin);
  return {
    preflight(req, host) {
      const origin = check(req, host);
      if (origin === null) return empty(403);
      // Without CORS the OPTIONS request reaches the router, which has no such route.
      if (origin === undefined)
        return { status: 405, headers: { "content-type": "text/plain" }, body: "405 method not allowed" };
      return empty(204, {
        "access-control-allow-origin": allowOrigin(origin),
        "access-control-allow-methods": "GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS",
        "access-control-allow-headers": OLLAMA_ALLOW_HEADERS,
        "access-control-max-age": "43200",
        vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      });
    },
    actual(req, host) {
      const origin = check(req, host);
      if (origin === null) return { refuse: empty(403), headers: {} };
      if (origin === undefined) return { headers: {} };
      const headers: Record<string, string> = { "access-control-allow-origin": allowOrigin(origin) };
      if (!origins.all) headers.vary = "Origin";
      return { headers: withExpose(headers, opts) };
    },
  };
}

export function corsPolicies(opts: CorsOptions): Record<ProviderId, CorsPolicy> {
  const star = starPolicy(opts);
  return { openai: star, anthropic: star, gemini: geminiPolicy(opts), ollama: ollamaPolicy(opts) };
}
