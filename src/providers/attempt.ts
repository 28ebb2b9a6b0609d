/**
 * One HTTP attempt: fetch with the caller's signal, a first-byte and an idle watchdog, and a body
 * reader that is cancelled on abort, timeout or early exit so the connection closes at once.
 */
import { factsFromBody } from "./error-body.ts";
import { type ErrorContext, httpError } from "./error-text.ts";
import { ProviderError } from "./errors.ts";
import { abortedError, connectionLost, timeoutError } from "./failure-text.ts";
import { classifyFetchFailure } from "./network.ts";
import { retryAfterFromHeaders, shouldRetryHeader } from "./retry.ts";
import type { Runtime } from "./runtime.ts";

type Phase = "first_byte" | "idle";

export class Attempt {
  private readonly controller = new AbortController();
  private timer: unknown;
  private timedOut: { phase: Phase; ms: number } | undefined;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private readonly onAbort = (): void => this.halt();

  constructor(
    private readonly rt: Runtime,
    private readonly ctx: ErrorContext,
    private readonly signal: AbortSignal | undefined,
  ) {
    if (signal?.aborted) this.controller.abort();
    else signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** Aborts the request; cancelling the reader too makes a pending read settle even with a foreign fetch. */
  private halt(): void {
    this.controller.abort();
    void this.reader?.cancel().catch(() => undefined);
  }

  private arm(phase: Phase, ms: number): void {
    this.disarm();
    if (ms <= 0 || !Number.isFinite(ms)) return;
    this.timer = this.rt.timers.setTimeout(() => {
      this.timedOut = { phase, ms };
      this.halt();
    }, ms);
  }

  private disarm(): void {
    if (this.timer === undefined) return;
    this.rt.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Why this attempt was stopped from outside (abort, timeout), if it was. */
  private stopReason(): ProviderError | undefined {
    if (this.signal?.aborted) return abortedError(this.ctx.provider, this.signal.reason);
    if (this.timedOut) return timeoutError(this.ctx, this.timedOut.phase, this.timedOut.ms);
    return undefined;
  }

  /** Sends the request; the first-byte watchdog runs until the first body read returns. */
  async send(url: string, init: RequestInit): Promise<Response> {
    if (this.signal?.aborted) throw abortedError(this.ctx.provider, this.signal.reason);
    this.arm("first_byte", this.rt.firstByteTimeoutMs);
    try {
      return await this.rt.fetch(url, { ...init, signal: this.controller.signal });
    } catch (err) {
      throw (
        this.stopReason() ??
        (await classifyFetchFailure(this.ctx, url, err, {
          fetch: this.rt.fetch,
          timers: this.rt.timers,
          enabled: this.rt.probeCors,
          signal: this.signal,
        }))
      );
    }
  }

  /** The error for a non-2xx answer, with the body's facts and the headers' retry hints. */
  async httpError(res: Response): Promise<ProviderError> {
    const body = await this.bodyText(res);
    const hints = {
      retryAfterMs: retryAfterFromHeaders(res.headers, this.rt.now),
      shouldRetry: shouldRetryHeader(res.headers),
      requestId: res.headers.get("x-request-id") ?? res.headers.get("request-id") ?? undefined,
    };
    return httpError(this.ctx, res.status, factsFromBody(body), hints);
  }

  /** A whole (small) body as text; a body that fails or stalls counts as empty. */
  async bodyText(res: Response): Promise<string> {
    try {
      return await res.text();
    } catch {
      const stop = this.stopReason();
      if (stop?.kind === "aborted") throw stop;
      return "";
    } finally {
      this.disarm();
    }
  }

  /**
   * The body as text from ONE streaming TextDecoder (so a character split across reads survives, and
   * a BOM is dropped). The watchdog covers each read, never the time the consumer holds a chunk.
   */
  async *text(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
    const reader = body.getReader();
    this.reader = reader;
    if (this.signal?.aborted) this.halt();
    const decoder = new TextDecoder("utf-8");
    let started = false;
    for (;;) {
      if (started) this.arm("idle", this.rt.idleTimeoutMs);
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (err) {
        throw this.stopReason() ?? (err instanceof ProviderError ? err : connectionLost(this.ctx, err));
      } finally {
        this.disarm();
      }
      const stop = this.stopReason();
      if (stop) throw stop;
      if (result.done) break;
      started = true;
      const text = decoder.decode(result.value, { stream: true });
      if (text !== "") yield text;
    }
    const tail = decoder.decode();
    if (tail !== "") yield tail;
  }

  /** Releases the timer and the signal listener, and closes the connection if still open. */
  dispose(): void {
    this.disarm();
    this.signal?.removeEventListener("abort", this.onAbort);
    void this.reader?.cancel().catch(() => undefined);
    this.controller.abort();
  }
}
