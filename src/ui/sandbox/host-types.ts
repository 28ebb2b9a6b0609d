/**
 * The shapes the page's side of the sandbox is built from: the frame as the host sees it, one
 * lambda's slot, and the contract between the host and its in-flight calls (docs/sandbox.md).
 */
import type { CallMessage, HostMessage } from "./protocol.ts";

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

/** One call in flight, as the host routes messages to it. */
export interface ActiveCall {
  readonly id: number;
  readonly slot: LambdaSlot;
  /** The call message reached the frame: its clock starts. */
  sent(): void;
  handle(message: CallMessage): void;
  /** Ends the call with `error`; `cancel` tells the worker to stop it too. */
  fail(error: Error, cancel: boolean): void;
}

/** What a call needs from its host. */
export interface CallHost {
  readonly timeoutMs: number;
  send(slot: LambdaSlot, message: HostMessage, afterSend?: () => void): void;
  postNow(message: HostMessage): void;
  register(call: ActiveCall): void;
  unregister(call: ActiveCall): void;
  /** Whether `call` is registered and has not ended yet. */
  isActive(call: ActiveCall): boolean;
  timedOut(call: ActiveCall): void;
  rejected(reason: string): void;
}
