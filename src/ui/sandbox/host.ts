/**
 * The page's side of the sandbox: creates the frame on first use, routes calls by id, runs each
 * call's clock and stops a lambda's worker when a call runs past the limit (docs/sandbox.md).
 */
import { abortError, serializeError, throwIfAborted } from "../../core/index.ts";
import { LambdaTimeoutError, SandboxError, capitalize, formatDuration, lambdaLabel } from "./errors.ts";
import { decodeFromSandbox, encodeForSandbox } from "./plain-data.ts";
import { type CallMessage, type HostMessage, parseFrameMessage } from "./protocol.ts";
import { lambdaErrorFrom, lambdaSourceUrl } from "./stack.ts";

/** The sandbox frame as the host sees it. */
export interface SandboxFrame {
  post(message: HostMessage): void;
  dispose(): void;
}

/**
 * Makes the frame. `onData` gets messages that come from the frame (not yet checked for token and
 * shape: the host does that); `onRejected` gets the reason for anything refused on the way.
 */
export type FrameFactory = (
  token: string,
  onData: (data: unknown) => void,
  onRejected: (reason: string) => void,
) => SandboxFrame;

export interface SandboxHostOptions {
  timeoutMs: number;
  startupTimeoutMs: number;
  maxWorkers: number;
  frameFactory: FrameFactory;
  onRejectedMessage: ((reason: string) => void) | undefined;
}

/** One lambda's code in the sandbox: one worker, shared by every call of that code. */
export interface LambdaSlot {
  readonly id: number;
  readonly code: string;
  readonly name: string | undefined;
  readonly label: string;
  readonly sourceUrl: string;
  /** Its code was sent to the current frame. */
  loaded: boolean;
  /** The frame has (or is about to start) a worker for it. */
  workerLive: boolean;
  inFlight: number;
  lastUsed: number;
}

/** Values a generator may produce ahead of its reader (credit). */
export const OUTPUT_WINDOW = 16;
/** Input chunks the page sends ahead of what the lambda has read. */
export const INPUT_WINDOW = 16;

interface ActiveCall {
  readonly id: number;
  readonly slot: LambdaSlot;
  /** The call message reached the frame: its clock starts. */
  sent(): void;
  handle(message: CallMessage): void;
  /** Ends the call with `error`; `cancel` tells the worker to stop it too. */
  fail(error: Error, cancel: boolean): void;
}

/** What a call needs from its host. */
interface CallHost {
  readonly timeoutMs: number;
  send(slot: LambdaSlot, message: HostMessage, afterSend?: () => void): void;
  postNow(message: HostMessage): void;
  register(call: ActiveCall): void;
  unregister(call: ActiveCall): void;
  timedOut(call: ActiveCall): void;
  rejected(reason: string): void;
}

function randomToken(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class SandboxHost {
  private frame: SandboxFrame | undefined;
  private ready = false;
  private outbox: (() => void)[] = [];
  private startupTimer: ReturnType<typeof setTimeout> | undefined;
  private token = "";
  private disposed = false;
  private nextCallId = 1;
  private useClock = 0;
  private readonly slotsByCode = new Map<string, LambdaSlot>();
  private readonly slotsById = new Map<number, LambdaSlot>();
  private readonly calls = new Map<number, ActiveCall>();
  private readonly link: CallHost;

  constructor(private readonly options: SandboxHostOptions) {
    this.link = {
      timeoutMs: options.timeoutMs,
      send: (slot, message, afterSend) => this.send(slot, message, afterSend),
      postNow: (message) => this.postNow(message),
      register: (call) => {
        this.calls.set(call.id, call);
        call.slot.inFlight++;
      },
      unregister: (call) => {
        if (this.calls.delete(call.id)) call.slot.inFlight--;
      },
      timedOut: (call) => this.timedOut(call),
      rejected: (reason) => this.rejected(reason),
    };
  }

  /** Whether the frame exists (it is created by the first call, not before). */
  get started(): boolean {
    return this.frame !== undefined;
  }

  /** The slot for `code`: the same code shares one slot (and worker) across loads. */
  slot(code: string, name: string | undefined): LambdaSlot {
    let slot = this.slotsByCode.get(code);
    if (!slot) {
      slot = {
        id: this.slotsById.size,
        code,
        name,
        label: lambdaLabel(name),
        sourceUrl: lambdaSourceUrl(name),
        loaded: false,
        workerLive: false,
        inFlight: 0,
        lastUsed: 0,
      };
      this.slotsByCode.set(code, slot);
      this.slotsById.set(slot.id, slot);
    }
    return slot;
  }

  /** Calls a plain function with its whole input; resolves with its awaited, revived result. */
  call(slot: LambdaSlot, input: unknown, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.checkOpen();
      throwIfAborted(signal);
      const encoded = encodeForSandbox(input);
      this.ensureFrame();
      const id = this.nextCallId++;
      const link = this.link;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const end = () => {
        clearTimeout(timer);
        link.unregister(call);
        signal?.removeEventListener("abort", onAbort);
      };
      const call: ActiveCall = {
        id,
        slot,
        sent: () => {
          timer = setTimeout(() => link.timedOut(call), link.timeoutMs);
        },
        fail: (error, cancel) => {
          if (!this.calls.has(id)) return;
          if (cancel) link.postNow({ type: "cancel", lambda: slot.id, call: id });
          end();
          reject(error);
        },
        handle: (m) => {
          if (m.type === "result") {
            end();
            try {
              resolve(decodeFromSandbox(m.value, capitalize(slot.label)));
            } catch (err) {
              reject(err instanceof Error ? err : new SandboxError(String(err)));
            }
          } else if (m.type === "error") {
            end();
            reject(lambdaErrorFrom(m.error, slot.name, slot.sourceUrl));
          } else link.rejected(`a "${m.type}" message for call ${id}, which is not a stream`);
        },
      };
      const onAbort = () => call.fail(abortError(signal), true);
      signal?.addEventListener("abort", onAbort, { once: true });
      link.register(call);
      link.send(slot, { type: "call", lambda: slot.id, call: id, input: encoded }, () => call.sent());
    });
  }

  /** Runs a generator function over `input`; values come out as the lambda yields them. */
  async *stream(
    slot: LambdaSlot,
    input: AsyncIterable<unknown>,
    signal?: AbortSignal,
  ): AsyncGenerator<unknown> {
    this.checkOpen();
    throwIfAborted(signal);
    this.ensureFrame();
    const call = new StreamCall(this.nextCallId++, slot, this.link, signal);
    call.start(input);
    try {
      for (;;) {
        const r = await call.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      call.close();
    }
  }

  /** Ends every call and removes the frame; the host cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const error = new SandboxError("The lambda sandbox was closed.");
    for (const call of [...this.calls.values()]) call.fail(error, false);
    this.closeFrame();
  }

  private checkOpen(): void {
    if (this.disposed) throw new SandboxError("The lambda sandbox was closed.");
  }

  private ensureFrame(): void {
    if (this.frame) return;
    this.token = randomToken();
    this.ready = false;
    for (const slot of this.slotsById.values()) {
      slot.loaded = false;
      slot.workerLive = false;
    }
    this.frame = this.options.frameFactory(
      this.token,
      (data) => this.receive(data),
      (reason) => this.rejected(reason),
    );
    const limit = this.options.startupTimeoutMs;
    this.startupTimer = setTimeout(() => {
      const error = new SandboxError(
        `The lambda sandbox did not start within ${formatDuration(limit)}. A Content-Security-Policy on the page may block its inline script or blob: workers (see docs/sandbox.md).`,
      );
      this.closeFrame();
      for (const call of [...this.calls.values()]) call.fail(error, false);
    }, limit);
  }

  private closeFrame(): void {
    clearTimeout(this.startupTimer);
    this.outbox = [];
    this.ready = false;
    const frame = this.frame;
    this.frame = undefined;
    frame?.dispose();
  }

  /** Sends now, or once the frame is ready; a call's messages are dropped once the call has ended. */
  private send(slot: LambdaSlot, message: HostMessage, afterSend?: () => void): void {
    const deliver = () => {
      if ("call" in message && !this.calls.has(message.call)) return;
      if (!this.frame) return;
      if (message.type === "call" || message.type === "stream") this.prepareWorker(slot);
      this.frame.post(message);
      afterSend?.();
    };
    if (this.ready) deliver();
    else this.outbox.push(deliver);
  }

  /** Sends only if the frame is ready (cancel and kill: before that, there is nothing to stop). */
  private postNow(message: HostMessage): void {
    if (this.ready) this.frame?.post(message);
  }

  /** Sends the code once per frame and keeps at most `maxWorkers` workers, retiring the least recently used idle one. */
  private prepareWorker(slot: LambdaSlot): void {
    if (!slot.loaded) {
      this.frame?.post({ type: "load", lambda: slot.id, code: slot.code, sourceUrl: slot.sourceUrl });
      slot.loaded = true;
    }
    slot.lastUsed = ++this.useClock;
    if (slot.workerLive) return;
    const live = [...this.slotsById.values()].filter((s) => s.workerLive);
    if (live.length >= this.options.maxWorkers) {
      const idle = live.filter((s) => s.inFlight === 0).sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (idle) {
        this.frame?.post({ type: "kill", lambda: idle.id });
        idle.workerLive = false;
      }
    }
    slot.workerLive = true;
  }

  private receive(data: unknown): void {
    if (!this.frame) return;
    const m = parseFrameMessage(data, this.token);
    if (typeof m === "string") return this.rejected(`a malformed message (${m})`);
    if (m.type === "ready") {
      if (this.ready) return this.rejected("a second ready message");
      this.ready = true;
      clearTimeout(this.startupTimer);
      const outbox = this.outbox;
      this.outbox = [];
      for (const deliver of outbox) deliver();
      return;
    }
    if (!this.ready) return this.rejected("a message before the sandbox was ready");
    if (m.type === "crash") {
      const slot = this.slotsById.get(m.lambda);
      if (!slot) return this.rejected(`a crash report for lambda ${m.lambda}, which does not exist`);
      this.killWorker(slot, new SandboxError(`${capitalize(slot.label)} could not run: ${m.error.message}`));
      return;
    }
    const call = this.calls.get(m.call);
    if (!call) {
      // Late answers to ended calls are expected (after a cancel or a timeout); others are spoofs.
      if (m.call >= this.nextCallId) this.rejected(`a message for call ${m.call}, which was never made`);
      return;
    }
    if (call.slot.id !== m.lambda) {
      return this.rejected(
        `lambda ${m.lambda} answered call ${m.call}, which belongs to lambda ${call.slot.id}`,
      );
    }
    call.handle(m);
  }

  private timedOut(call: ActiveCall): void {
    const { slot } = call;
    call.fail(new LambdaTimeoutError(slot.label, this.options.timeoutMs), false);
    this.killWorker(
      slot,
      new SandboxError(
        `${capitalize(slot.label)} was stopped because another of its calls ran longer than the time limit of ${formatDuration(this.options.timeoutMs)}.`,
      ),
    );
  }

  /** Terminates a lambda's worker (the frame starts a fresh one for its next call) and ends its calls. */
  private killWorker(slot: LambdaSlot, error: Error): void {
    this.postNow({ type: "kill", lambda: slot.id });
    slot.workerLive = false;
    for (const call of [...this.calls.values()]) if (call.slot === slot) call.fail(error, false);
  }

  private rejected(reason: string): void {
    this.options.onRejectedMessage?.(reason);
  }
}

/**
 * One generator call. The input is pumped to the worker as it arrives (at most INPUT_WINDOW chunks
 * ahead of the lambda's reading); yielded values are buffered until read, and the worker may run at
 * most OUTPUT_WINDOW values ahead (credit). The clock runs only while the lambda has work: it
 * pauses while the lambda waits for input or for credit, and restarts with the full limit on every
 * yielded value and every resume — a stream may last as long as its input does.
 */
class StreamCall implements ActiveCall {
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
