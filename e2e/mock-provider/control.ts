/**
 * HTTP control endpoints under /__mock/ so a test in another process (Playwright) or the page itself
 * can script the mock. Open CORS: they are test plumbing, not a provider.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RecordedRequest } from "./record.ts";
import { parseJson } from "./record.ts";
import type { Scenario } from "./scenario.ts";
import { parseScenarios } from "./validate.ts";

export const CONTROL_PREFIX = "/__mock/";

export interface ControlApi {
  script(scenarios: Scenario[]): void;
  requests(): RecordedRequest[];
  pending(): number;
  reset(): void;
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "access-control-allow-origin": "*",
    "cache-control": "no-store",
    ...extra,
  });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

export function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  rawBody: string,
  api: ControlApi,
): void {
  const path = new URL(req.url ?? "/", "http://mock").pathname.slice(CONTROL_PREFIX.length);
  const route = `${req.method ?? "GET"} ${path}`;
  if (req.method === "OPTIONS") {
    res.writeHead(204, {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "content-type",
      "access-control-max-age": "600",
    });
    res.end();
    return;
  }
  switch (route) {
    case "POST script": {
      let scenarios: Scenario[];
      try {
        scenarios = parseScenarios(parseJson(rawBody));
      } catch (err) {
        send(res, 400, { error: err instanceof Error ? err.message : String(err) });
        return;
      }
      api.script(scenarios);
      send(res, 200, { queued: scenarios.length, pending: api.pending() });
      return;
    }
    case "GET requests":
      send(res, 200, api.requests());
      return;
    case "POST reset":
      api.reset();
      send(res, 200, { ok: true });
      return;
    default:
      send(res, 404, { error: `unknown control endpoint: ${route}` });
  }
}
