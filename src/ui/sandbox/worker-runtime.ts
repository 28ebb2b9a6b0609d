/**
 * The runtime of a lambda's worker (one Worker per lambda code). It is turned into source text with
 * `Function.prototype.toString` (see srcdoc.ts), so it must be self-contained: it may use its
 * parameters and the globals of the worker, never an import or a module-level name — those would
 * not exist in the sandbox. The types below only describe what the function touches.
 */
import type { ErrorInfo, RuntimeMessage, WorkerMessage } from "./protocol.ts";

/** What the worker runtime uses of its global scope. */
export interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown; isTrusted: boolean }) => void): void;
  eval(source: string): unknown;
}

export interface WorkerDeps {
  toPlainData: (value: unknown) => unknown;
}

/**
 * The runtime of a lambda's worker: evaluates the code once, then runs calls. A plain function
 * gets the whole input and its awaited result goes back; an `async function*` reads an input
 * stream fed chunk by chunk and each yielded value goes back as it is produced. It produces only
 * while it has credit from the page (backpressure) and says when it waits for input (the page's
 * clock pauses then). Cancelling aborts `config.signal` and fails the pending input read.
 */
export function workerMain(scope: WorkerScope, deps: WorkerDeps): void {
  const post = scope.postMessage.bind(scope);
  // A member call is an indirect eval: the code sees only the global scope, never these locals.
  const evaluate = (source: string) => scope.eval(source);
  const toPlain = deps.toPlainData;
  const AsyncGeneratorFunction = (Object.getPrototypeOf(async function* () {}) as { constructor: unknown })
    .constructor as new () => unknown;
  // A nested worker would outlive a stopped call: lambda code gets no way to start one.
  for (const key of ["Worker", "SharedWorker"]) {
    try {
      delete (scope as unknown as Record<string, unknown>)[key];
    } catch {
      // not there
    }
  }

  const describe = (err: unknown, fromInput?: boolean): ErrorInfo => {
    try {
      if (typeof err === "object" && err !== null && typeof (err as Error).message === "string") {
        const e = err as Error;
        const info: ErrorInfo = { name: typeof e.name === "string" ? e.name : "Error", message: e.message };
        if (typeof e.stack === "string") info.stack = e.stack;
        if (fromInput) info.fromInput = true;
        return info;
      }
      return {
        name: "Error",
        message: `threw ${typeof err === "string" ? JSON.stringify(err) : String(err)}`,
      };
    } catch {
      return { name: "Error", message: "threw a value that cannot be described" };
    }
  };
  const send = (message: WorkerMessage) => {
    try {
      post(message);
    } catch (err) {
      if (message.type !== "loaded") {
        post({ type: "error", call: message.call, error: { name: "SandboxError", message: String(err) } });
      }
    }
  };
  const plain = (
    value: unknown,
    what: string,
  ): { ok: true; value: unknown } | { ok: false; error: ErrorInfo } => {
    try {
      return { ok: true, value: toPlain(value) };
    } catch (err) {
      return { ok: false, error: { name: "SandboxError", message: `${what}: ${describe(err).message}` } };
    }
  };
  const abortError = () => {
    const err = new Error("The call was cancelled.");
    err.name = "AbortError";
    return err;
  };

  type Lambda = (input: unknown, config: { signal: AbortSignal }) => unknown;
  let fn: Lambda | undefined;
  let isGenerator = false;
  let loadError: ErrorInfo | undefined;

  interface Reader {
    resolve: (r: IteratorResult<unknown>) => void;
    reject: (err: unknown) => void;
  }
  interface Call {
    controller: AbortController;
    cancelled: boolean;
    // Generator calls only:
    queue: unknown[];
    readers: Reader[];
    ended: boolean;
    failure: { error: Error } | undefined;
    inputError: Error | undefined;
    stopped: boolean;
    consumed: number;
    credit: number;
    onCredit: (() => void) | undefined;
  }
  const calls = new Map<number, Call>();
  const newCall = (credit: number): Call => ({
    controller: new AbortController(),
    cancelled: false,
    queue: [],
    readers: [],
    ended: false,
    failure: undefined,
    inputError: undefined,
    stopped: false,
    consumed: 0,
    credit,
    onCredit: undefined,
  });

  const load = (code: string, sourceUrl: string) => {
    if (fn || loadError) return;
    try {
      const value = evaluate(`(${code}\n)\n//# sourceURL=${sourceUrl}`);
      if (typeof value !== "function") throw new TypeError("the code is not a function");
      fn = value as Lambda;
      isGenerator = value instanceof AsyncGeneratorFunction;
    } catch (err) {
      loadError = describe(err);
    }
    send({ type: "loaded" });
  };

  const refuse = (id: number, generator: boolean): boolean => {
    if (loadError) send({ type: "error", call: id, error: loadError });
    else if (!fn)
      send({ type: "error", call: id, error: { name: "SandboxError", message: "no code was loaded" } });
    else if (isGenerator !== generator) {
      const message = isGenerator
        ? "an async function* transforms a stream: it cannot be called with one value"
        : "a plain function cannot transform a stream";
      send({ type: "error", call: id, error: { name: "SandboxError", message } });
    } else return false;
    return true;
  };

  const startCall = (id: number, input: unknown) => {
    if (refuse(id, false) || !fn) return;
    const run = fn;
    const call = newCall(0);
    calls.set(id, call);
    new Promise((resolve) => resolve(run(input, { signal: call.controller.signal }))).then(
      (value) => {
        if (call.cancelled) return;
        calls.delete(id);
        const out = plain(value, "its result");
        send(
          out.ok
            ? { type: "result", call: id, value: out.value }
            : { type: "error", call: id, error: out.error },
        );
      },
      (err: unknown) => {
        if (call.cancelled) return;
        calls.delete(id);
        send({ type: "error", call: id, error: describe(err) });
      },
    );
  };

  const startStream = (id: number, credit: number) => {
    if (refuse(id, true) || !fn) return;
    const run = fn;
    const call = newCall(credit);
    calls.set(id, call);
    const iterator: AsyncIterator<unknown> = {
      next() {
        if (call.cancelled) return Promise.reject(abortError());
        if (call.queue.length > 0) {
          call.consumed++;
          return Promise.resolve({ value: call.queue.shift(), done: false });
        }
        if (call.failure) {
          const { error } = call.failure;
          call.failure = undefined;
          call.ended = true;
          return Promise.reject(error);
        }
        if (call.ended || call.stopped) return Promise.resolve({ value: undefined, done: true });
        // Nothing to read: the lambda waits for its input now, so the page's clock pauses.
        send({ type: "wait", call: id, consumed: call.consumed });
        return new Promise((resolve, reject) => call.readers.push({ resolve, reject }));
      },
      return() {
        call.stopped = true;
        call.queue = [];
        return Promise.resolve({ value: undefined, done: true });
      },
    };
    const input: AsyncIterable<unknown> = { [Symbol.asyncIterator]: () => iterator };
    const drive = async () => {
      let generator: AsyncGenerator<unknown> | undefined;
      try {
        generator = run(input, { signal: call.controller.signal }) as AsyncGenerator<unknown>;
        for (;;) {
          if (call.credit <= 0) await new Promise<void>((resolve) => (call.onCredit = resolve));
          if (call.cancelled) break;
          const r = await generator.next();
          if (call.cancelled) break;
          if (r.done) {
            send({ type: "done", call: id, consumed: call.consumed });
            break;
          }
          call.credit--;
          const out = plain(r.value, "a value it yielded");
          if (!out.ok) {
            send({ type: "error", call: id, error: out.error });
            call.cancelled = true;
            break;
          }
          send({ type: "yield", call: id, value: out.value, consumed: call.consumed });
        }
      } catch (err) {
        if (!call.cancelled) {
          send({
            type: "error",
            call: id,
            error: describe(err, err !== undefined && err === call.inputError),
          });
        }
      } finally {
        calls.delete(id);
      }
      // A cancelled generator still runs its `finally` blocks.
      if (call.cancelled && generator) await generator.return(undefined).catch(() => undefined);
    };
    void drive();
  };

  const deliver = (call: Call, result: IteratorResult<unknown> | { error: Error }) => {
    const reader = call.readers.shift();
    if (!reader) return false;
    if ("error" in result) reader.reject(result.error);
    else reader.resolve(result);
    return true;
  };

  const onMessage = (event: { data: unknown; isTrusted: boolean }) => {
    // Only the bridge (which checked the message) can post here; lambda code could dispatch a
    // synthetic event, which is not trusted.
    if (!event.isTrusted) return;
    const m = event.data as RuntimeMessage;
    if (m.type === "load") return load(m.code, m.sourceUrl);
    if (m.type === "call") return startCall(m.call, m.input);
    if (m.type === "stream") return startStream(m.call, m.credit);
    const call = calls.get(m.call);
    if (!call) return;
    switch (m.type) {
      case "chunk":
        if (call.stopped || call.cancelled) return;
        if (deliver(call, { value: m.value, done: false })) {
          call.consumed++;
          // Another read is still pending (reads made without awaiting): still waiting.
          if (call.readers.length > 0) send({ type: "wait", call: m.call, consumed: call.consumed });
        } else call.queue.push(m.value);
        return;
      case "end":
        call.ended = true;
        while (deliver(call, { value: undefined, done: true }));
        return;
      case "fail": {
        const error = new Error(m.error.message);
        error.name = m.error.name;
        call.inputError = error;
        if (!deliver(call, { error })) call.failure = { error };
        else call.ended = true;
        while (deliver(call, { value: undefined, done: true }));
        return;
      }
      case "credit":
        call.credit += m.n;
        call.onCredit?.();
        call.onCredit = undefined;
        return;
      case "cancel":
        call.cancelled = true;
        call.controller.abort();
        while (deliver(call, { error: abortError() }));
        call.onCredit?.();
        call.onCredit = undefined;
        calls.delete(m.call);
        return;
    }
  };
  scope.addEventListener("message", onMessage);
}
