/**
 * For tests (jsdom has no Workers and runs no iframe scripts): a sandbox frame that runs the real
 * generated bridge and worker scripts — the very text that goes into the srcdoc — in this realm,
 * with `structuredClone` and a macrotask between every hop, as `postMessage` would. It isolates
 * nothing; it checks the protocol, the runtime and the host together.
 */
import type { FrameFactory } from "./host.ts";
import { CHANNEL } from "./protocol.ts";
import type { BridgeWindow, BridgeWorker } from "./runtime.ts";
import { bridgeScript } from "./srcdoc.ts";

type Listener = (event: never) => void;

/** Runs a script with one named parameter, outside any module scope (as the sandbox does). */
function runScript(parameter: string, source: string, argument: unknown): void {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- test support: runs the sandbox's own generated script
  (new Function(parameter, source) as (arg: unknown) => void)(argument);
}

export class InProcessWorker implements BridgeWorker {
  terminated = false;
  /** The worker's global scope as the runtime saw it (the runtime removes `Worker` from it). */
  readonly scope: Record<string, unknown>;
  private readonly outside: { message: Listener[]; error: Listener[] } = { message: [], error: [] };
  private readonly inside: Listener[] = [];

  constructor(source: string) {
    this.scope = {
      postMessage: (message: unknown) => {
        const data = structuredClone(message);
        setTimeout(() => {
          if (!this.terminated) for (const l of this.outside.message) l({ data } as never);
        });
      },
      addEventListener: (type: string, listener: Listener) => {
        if (type === "message") this.inside.push(listener);
      },
      // An indirect eval, like the worker's: lambda code sees only the global scope.
      eval: (code: string): unknown => (0, eval)(code),
      Worker: class {},
    };
    runScript("self", source, this.scope);
  }

  postMessage(message: unknown): void {
    const data = structuredClone(message);
    setTimeout(() => {
      if (!this.terminated) for (const l of this.inside) l({ data, isTrusted: true } as never);
    });
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: "message" | "error", listener: Listener): void {
    this.outside[type].push(listener);
  }
}

export interface InProcessSandbox {
  factory: FrameFactory;
  /** Every worker the bridge started, in order. */
  readonly workers: InProcessWorker[];
  /** How many frames were created. */
  readonly frames: number;
  /** Delivers `data` to the host as if the current frame had posted it. */
  fromFrame(data: unknown): void;
}

export function inProcessSandbox(options: { neverReady?: boolean } = {}): InProcessSandbox {
  const origin = "https://sluice.test";
  const workers: InProcessWorker[] = [];
  let frames = 0;
  let current: ((data: unknown) => void) | undefined;
  const factory: FrameFactory = (token, onData, _onRejected) => {
    frames++;
    let disposed = false;
    const toHost = (data: unknown) => {
      if (!disposed) onData(data);
    };
    current = toHost;
    const listeners: Listener[] = [];
    const blobs = new Map<string, string>();
    const parent = {
      postMessage(message: unknown, targetOrigin: string) {
        if (targetOrigin !== origin) throw new Error(`the bridge answered ${targetOrigin}, not ${origin}`);
        const data = structuredClone(message);
        setTimeout(() => toHost(data));
      },
    };
    function Worker(url: string): BridgeWorker {
      const worker = new InProcessWorker(blobs.get(url) ?? "");
      workers.push(worker);
      return worker;
    }
    const win = {
      name: JSON.stringify({ token, origin }),
      parent,
      addEventListener: (_type: string, listener: Listener) => listeners.push(listener),
      Worker,
      Blob: class {
        constructor(readonly parts: string[]) {}
      },
      URL: {
        createObjectURL(blob: { parts: string[] }) {
          const url = `blob:in-process/${blobs.size}`;
          blobs.set(url, blob.parts.join(""));
          return url;
        },
      },
    } as unknown as BridgeWindow;
    if (!options.neverReady) runScript("window", bridgeScript(), win);
    return {
      post(message) {
        const data = structuredClone({ channel: CHANNEL, token, ...message });
        setTimeout(() => {
          if (!disposed) for (const l of listeners) l({ data, source: parent, origin } as never);
        });
      },
      dispose() {
        disposed = true;
        for (const w of workers) w.terminate();
      },
    };
  };
  return {
    factory,
    workers,
    get frames() {
      return frames;
    },
    fromFrame(data) {
      current?.(data);
    },
  };
}
