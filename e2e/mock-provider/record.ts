/** What the mock remembers about each provider request, for tests to assert on. */
import type { IncomingHttpHeaders } from "node:http";
import type { ProviderId } from "./types.ts";

export interface RecordedRequest {
  /** 1-based arrival order since start or the last reset. */
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON body; undefined when there was none or it was not JSON (see rawBody). */
  body: unknown;
  rawBody: string;
  /** The provider whose path this was, or null for an unknown path. */
  provider: ProviderId | null;
  /** Epoch ms when the request arrived. */
  time: number;
  /** Response status, once the head was sent. */
  status?: number;
  /** True when the client closed the connection before the response was complete. */
  aborted: boolean;
  /** Epoch ms of that early close. */
  abortedAt?: number;
  /** Epoch ms when the response finished or the connection closed, whichever came first. */
  endedAt?: number;
}

/** One write of a streamed answer's body, as given to the `onWrite` option. */
export interface StreamWrite {
  request: RecordedRequest;
  bytes: Buffer;
  /** Epoch ms with sub-millisecond precision: performance.timeOrigin + performance.now(). */
  at: number;
}

export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export function flatQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = v;
  return out;
}

export function parseJson(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
