/**
 * The page's side of the sandbox: creates the frame on first use, routes calls by id, runs each
 * call's clock and stops a lambda's worker when a call runs past the limit (docs/sandbox.md).
 *
 * The parts: `frame-connection.ts` (the frame, its token, the ready handshake and message checks),
 * `worker-pool.ts` (slots and worker retirement), `plain-call.ts` and `stream-call.ts` (one call
 * each), `host-types.ts` (the shapes they share).
 */
import { throwIfAborted } from "../../core/index.ts";
import { FrameConnection, type RoutedFrameMessage } from "./frame-connection.ts";
import { LambdaTimeoutError, SandboxError, capitalize, formatDuration } from "./errors.ts";
import type { ActiveCall, CallHost, LambdaSlot, SandboxHostOptions } from "./host-types.ts";
import { startPlainCall } from "./plain-call.ts";
import { encodeForSandbox } from "./plain-data.ts";
import type { HostMessage } from "./protocol.ts";
import { StreamCall } from "./stream-call.ts";
import { WorkerPool } from "./worker-pool.ts";

export type { FrameFactory, LambdaSlot, SandboxFrame } from "./host-types.ts";

export class SandboxHost {
  private disposed = false;
  private nextCallId = 1;
  private readonly pool: WorkerPool;
  private readonly connection: FrameConnection;
  private readonly calls = new Map<number, ActiveCall>();
  private readonly link: CallHost;

  constructor(private readonly options: SandboxHostOptions) {
    this.pool = new WorkerPool(options.maxWorkers);
    this.connection = new FrameConnection(options.frameFactory, options.startupTimeoutMs, {
      message: (m) => this.route(m),
      rejected: (reason) => this.rejected(reason),
      startupFailed: (error) => {
        for (const call of [...this.calls.values()]) call.fail(error, false);
      },
    });
    this.link = {
      timeoutMs: options.timeoutMs,
      send: (slot, message, afterSend) => this.send(slot, message, afterSend),
      postNow: (message) => this.connection.postNow(message),
      register: (call) => {
        this.calls.set(call.id, call);
        call.slot.inFlight++;
      },
      unregister: (call) => {
        if (this.calls.delete(call.id)) call.slot.inFlight--;
      },
      isActive: (call) => this.calls.has(call.id),
      timedOut: (call) => this.timedOut(call),
      rejected: (reason) => this.rejected(reason),
    };
  }

  /** Whether the frame exists (it is created by the first call, not before). */
  get started(): boolean {
    return this.connection.started;
  }

  /** The slot for `code`: the same code shares one slot (and worker) across loads. */
  slot(code: string, name: string | undefined): LambdaSlot {
    return this.pool.slot(code, name);
  }

  /** Calls a plain function with its whole input; resolves with its awaited, revived result. */
  call(slot: LambdaSlot, input: unknown, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.checkOpen();
      throwIfAborted(signal);
      const encoded = encodeForSandbox(input);
      this.ensureFrame();
      startPlainCall(this.link, this.nextCallId++, slot, encoded, signal, resolve, reject);
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
    this.connection.close();
  }

  private checkOpen(): void {
    if (this.disposed) throw new SandboxError("The lambda sandbox was closed.");
  }

  private ensureFrame(): void {
    if (this.connection.started) return;
    this.pool.resetForNewFrame();
    this.connection.open();
  }

  /** Sends now, or once the frame is ready; a call's messages are dropped once the call has ended. */
  private send(slot: LambdaSlot, message: HostMessage, afterSend?: () => void): void {
    this.connection.whenReady(() => {
      if ("call" in message && !this.calls.has(message.call)) return;
      if (!this.connection.started) return;
      if (message.type === "call" || message.type === "stream") {
        this.pool.prepare(slot, (m) => this.connection.post(m));
      }
      this.connection.post(message);
      afterSend?.();
    });
  }

  /** Routes a checked message from the ready frame to its lambda or call. */
  private route(m: RoutedFrameMessage): void {
    if (m.type === "crash") {
      const slot = this.pool.byId(m.lambda);
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
    this.connection.postNow({ type: "kill", lambda: slot.id });
    slot.workerLive = false;
    for (const call of [...this.calls.values()]) if (call.slot === slot) call.fail(error, false);
  }

  private rejected(reason: string): void {
    this.options.onRejectedMessage?.(reason);
  }
}
