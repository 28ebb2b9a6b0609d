import { abortError, serializeError } from "../../core/index.ts";
import { SandboxError, capitalize } from "./errors.ts";
import {
  type ActiveCall,
  type CallHost,
  INPUT_WINDOW,
  type LambdaSlot,
  OUTPUT_WINDOW,
} from "./host-types.ts";
import { decodeFromSandbox, encodeForSandbox } from "./plain-data.ts";
import type { CallMessage } from "./protocol.ts";
import { lambdaErrorFrom } from "./stack.ts";

/**
 * One generator call. The input is pumped to the worker as it arrives (at most INPUT_WINDOW chunks
 * ahead of the lambda's reading); yielded values are buffered until read, and the worker may run at
 * most OUTPUT_WINDOW values ahead (credit). The clock runs only while the lambda has work: it
 * pauses while the lambda waits for input or for credit, and restarts with the full limit on every
 * yielded value and every resume — a stream may last as long as its input does.
 */
export class StreamCall implements ActiveCall {
  private readonly outputs: unknown[] = [];
  private reader:
    { resolve: (r: IteratorResult<unknown>) => void; reject: (err: unknown) => void } | undefined;
  private finished: { failed: boolean; error: unknown } | undefined;
  private isSent = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Input chunks sent, and read by the lambda (as it last said). */
  private posted = 0;
  private consumed = 0;
  private inputDone = false;
  private waitingForInput = false;
  private inputError: { error: unknown } | undefined;
  private inputIterator: AsyncIterator<unknown> | undefined;
  private wakePump: (() => void) | undefined;
  /** Credit granted, values received, values handed to the reader. */
  private granted = OUTPUT_WINDOW;
  private received = 0;
  private taken = 0;
  private readonly onAbort = () => this.fail(abortError(this.signal), true);

  constructor(
    readonly id: number,
    readonly slot: LambdaSlot,
    private readonly host: CallHost,
    private readonly signal: AbortSignal | undefined,
  ) {}

  start(input: AsyncIterable<unknown>): void {
    this.signal?.addEventListener("abort", this.onAbort, { once: true });
    this.host.register(this);
    this.host.send(
      this.slot,
      { type: "stream", lambda: this.slot.id, call: this.id, credit: OUTPUT_WINDOW },
      () => this.sent(),
    );
    void this.pump(input);
  }

  sent(): void {
    this.isSent = true;
    this.clock(true);
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.outputs.length > 0) {
      const value = this.outputs.shift();
      this.took();
      return Promise.resolve({ value, done: false });
    }
    if (this.finished) {
      return this.finished.failed
        ? Promise.reject(this.finished.error) // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors -- the input's own error, as thrown
        : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => (this.reader = { resolve, reject }));
  }

  /** The reader stopped (finished, failed or broke out): an unfinished call is cancelled. */
  close(): void {
    if (!this.finished) this.fail(new SandboxError("The stream was closed by its reader."), true);
  }

  handle(m: CallMessage): void {
    if (this.finished) return;
    switch (m.type) {
      case "yield": {
        this.noteConsumed(m.consumed);
        this.received++;
        let value: unknown;
        try {
          value = decodeFromSandbox(m.value, capitalize(this.slot.label));
        } catch (err) {
          this.fail(err as Error, true);
          return;
        }
        const reader = this.reader;
        if (reader) {
          this.reader = undefined;
          reader.resolve({ value, done: false });
          this.took();
        } else this.outputs.push(value);
        this.clock(true);
        return;
      }
      case "wait":
        this.noteConsumed(m.consumed);
        // A wait sent before our latest chunk (or the end) arrived is stale: the lambda is running.
        this.waitingForInput = !this.inputDone && m.consumed === this.posted;
        this.clock(false);
        return;
      case "done":
        this.noteConsumed(m.consumed);
        this.finish(false, undefined);
        return;
      case "error":
        // The lambda rethrew its input's failure: the chain sees the original error.
        if (m.error.fromInput && this.inputError) this.finish(true, this.inputError.error);
        else this.finish(true, lambdaErrorFrom(m.error, this.slot.name, this.slot.sourceUrl));
        return;
      default:
        this.host.rejected(`a "${m.type}" message for call ${this.id}, which is a stream`);
    }
  }

  fail(error: Error, cancel: boolean): void {
    if (this.finished) return;
    if (cancel) this.host.postNow({ type: "cancel", lambda: this.slot.id, call: this.id });
    this.finish(true, error);
  }

  private finish(failed: boolean, error: unknown): void {
    if (this.finished) return;
    this.finished = { failed, error };
    clearTimeout(this.timer);
    this.host.unregister(this);
    this.signal?.removeEventListener("abort", this.onAbort);
    this.wakePump?.();
    // Like a `for await` that stops early: the upstream gets to clean up.
    if (!this.inputDone) {
      const it = this.inputIterator;
      void Promise.resolve()
        .then(() => it?.return?.())
        .catch(() => undefined);
    }
    const reader = this.reader;
    this.reader = undefined;
    if (reader) {
      if (failed) reader.reject(error);
      else reader.resolve({ value: undefined, done: true });
    }
  }

  /** The reader took a value: top the worker's credit back up once half of it is used. */
  private took(): void {
    this.taken++;
    const outstanding = this.granted - this.taken;
    if (this.finished || outstanding > OUTPUT_WINDOW / 2) return;
    const blocked = this.received >= this.granted;
    const n = OUTPUT_WINDOW - outstanding;
    this.granted += n;
    this.host.postNow({ type: "credit", lambda: this.slot.id, call: this.id, n });
    if (blocked) this.clock(true);
  }

  private noteConsumed(consumed: number): void {
    if (consumed <= this.consumed) return;
    this.consumed = Math.min(consumed, this.posted);
    const wake = this.wakePump;
    this.wakePump = undefined;
    wake?.();
  }

  /** Input arrived while the lambda was waiting for it: it runs again, with a fresh limit. */
  private resume(): void {
    if (!this.waitingForInput) return;
    this.waitingForInput = false;
    this.clock(true);
  }

  /** Starts, restarts (`progress`) or stops the clock to match what the lambda is doing. */
  private clock(progress: boolean): void {
    const running = this.isSent && !this.finished && !this.waitingForInput && this.received < this.granted;
    if (!running) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (!progress && this.timer !== undefined) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.host.timedOut(this), this.host.timeoutMs);
  }

  private async pump(input: AsyncIterable<unknown>): Promise<void> {
    const base = { lambda: this.slot.id, call: this.id };
    let it: AsyncIterator<unknown>;
    try {
      it = input[Symbol.asyncIterator]();
    } catch (err) {
      this.inputFailed(err);
      return;
    }
    this.inputIterator = it;
    for (;;) {
      while (!this.finished && this.posted - this.consumed >= INPUT_WINDOW) {
        await new Promise<void>((resolve) => (this.wakePump = resolve));
      }
      if (this.finished) return;
      let r: IteratorResult<unknown>;
      try {
        r = await it.next();
      } catch (err) {
        this.inputFailed(err);
        return;
      }
      if (this.finished) return;
      if (r.done) {
        this.inputDone = true;
        this.host.send(this.slot, { type: "end", ...base });
        this.resume();
        return;
      }
      let value: unknown;
      try {
        value = encodeForSandbox(r.value);
      } catch (err) {
        this.fail(err as Error, true);
        return;
      }
      this.posted++;
      this.host.send(this.slot, { type: "chunk", ...base, value });
      this.resume();
    }
  }

  /** The upstream failed: the lambda sees the error in its `for await` (and may handle it). */
  private inputFailed(error: unknown): void {
    if (this.finished) return;
    this.inputError = { error };
    this.inputDone = true;
    this.host.send(this.slot, {
      type: "fail",
      lambda: this.slot.id,
      call: this.id,
      error: serializeError(error),
    });
    this.resume();
  }
}
