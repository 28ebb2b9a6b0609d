/**
 * The page's connection to the sandbox frame: creates it with a fresh token, queues messages until
 * the frame says `ready`, gives up after the start-up limit, and checks every incoming message for
 * token and shape before handing it on (docs/sandbox.md).
 */
import { SandboxError, formatDuration } from "./errors.ts";
import type { FrameFactory, SandboxFrame } from "./host-types.ts";
import { type FrameMessage, type HostMessage, parseFrameMessage } from "./protocol.ts";

/** A checked frame → page message other than `ready` (which the connection handles itself). */
export type RoutedFrameMessage = Exclude<FrameMessage, { type: "ready" }>;

export interface FrameConnectionHandlers {
  /** A well-formed message with the right token, after `ready`. */
  message(message: RoutedFrameMessage): void;
  /** Why a message was refused. */
  rejected(reason: string): void;
  /** The frame did not say `ready` in time; it has already been closed. */
  startupFailed(error: SandboxError): void;
}

function randomToken(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class FrameConnection {
  private frame: SandboxFrame | undefined;
  private ready = false;
  private outbox: (() => void)[] = [];
  private startupTimer: ReturnType<typeof setTimeout> | undefined;
  private token = "";

  constructor(
    private readonly frameFactory: FrameFactory,
    private readonly startupTimeoutMs: number,
    private readonly handlers: FrameConnectionHandlers,
  ) {}

  /** Whether the frame exists. */
  get started(): boolean {
    return this.frame !== undefined;
  }

  /** Creates the frame with a fresh token and starts the start-up clock. */
  open(): void {
    this.token = randomToken();
    this.ready = false;
    this.frame = this.frameFactory(
      this.token,
      (data) => this.receive(data),
      (reason) => this.handlers.rejected(reason),
    );
    const limit = this.startupTimeoutMs;
    this.startupTimer = setTimeout(() => {
      const error = new SandboxError(
        `The lambda sandbox did not start within ${formatDuration(limit)}. A Content-Security-Policy on the page may block its inline script or blob: workers (see docs/sandbox.md).`,
      );
      this.close();
      this.handlers.startupFailed(error);
    }, limit);
  }

  /** Removes the frame and drops whatever was queued for it. */
  close(): void {
    clearTimeout(this.startupTimer);
    this.outbox = [];
    this.ready = false;
    const frame = this.frame;
    this.frame = undefined;
    frame?.dispose();
  }

  /** Runs `deliver` now if the frame is ready, or once it is. */
  whenReady(deliver: () => void): void {
    if (this.ready) deliver();
    else this.outbox.push(deliver);
  }

  /** Posts to the frame, if there is one. */
  post(message: HostMessage): void {
    this.frame?.post(message);
  }

  /** Posts only if the frame is ready (cancel and kill: before that, there is nothing to stop). */
  postNow(message: HostMessage): void {
    if (this.ready) this.frame?.post(message);
  }

  private receive(data: unknown): void {
    if (!this.frame) return;
    const m = parseFrameMessage(data, this.token);
    if (typeof m === "string") return this.handlers.rejected(`a malformed message (${m})`);
    if (m.type === "ready") {
      if (this.ready) return this.handlers.rejected("a second ready message");
      this.ready = true;
      clearTimeout(this.startupTimer);
      const outbox = this.outbox;
      this.outbox = [];
      for (const deliver of outbox) deliver();
      return;
    }
    if (!this.ready) return this.handlers.rejected("a message before the sandbox was ready");
    this.handlers.message(m);
  }
}
