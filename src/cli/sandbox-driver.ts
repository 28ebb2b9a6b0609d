/**
 * The JavaScript that runs inside each lambda's `node:vm` context before the lambda itself: it calls
 * the lambda and drives async generators over an input stream fed by the host.
 *
 * Only strings cross the boundary. The host evaluates `__sluice.op(json)` with the operation as JSON
 * and then `__sluice.poll(id)`, which answers with the call's state as JSON; nothing of the host
 * (no function, no object) is ever handed to the lambda's realm. Because the context runs its
 * microtasks right after each evaluation (`microtaskMode: "afterEvaluate"`), every promise the
 * lambda can create settles inside an evaluation, under the vm's timeout: a lambda has no timers or
 * I/O, so a promise still pending after an evaluation can only be waiting for the next input chunk.
 */
export const SANDBOX_DRIVER = String.raw`
(() => {
  "use strict";
  const lambdas = new Map();
  const calls = new Map();
  const logs = [];
  const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;
  const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;

  const show = (v) => {
    if (typeof v === "string") return v;
    try {
      const s = JSON.stringify(v);
      return s === undefined ? String(v) : s;
    } catch {
      return String(v);
    }
  };
  const logger = (level) => (...args) => {
    if (logs.length < 10000) logs.push({ level, text: args.map(show).join(" ") });
  };
  Object.defineProperty(globalThis, "console", {
    value: Object.freeze({
      log: logger("log"),
      info: logger("info"),
      debug: logger("debug"),
      warn: logger("warn"),
      error: logger("error"),
    }),
    writable: true,
    configurable: true,
  });

  const describe = (e) => {
    if (e !== null && typeof e === "object") {
      let stack = "";
      try {
        stack = typeof e.stack === "string" ? e.stack : "";
      } catch {}
      return { name: String(e.name ?? "Error"), message: String(e.message ?? ""), stack };
    }
    return { name: "Error", message: "the lambda threw " + show(e), stack: "" };
  };
  const encode = (v) => {
    if (v === undefined) return { undefined: true };
    const json = JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x));
    return json === undefined ? { undefined: true } : { json };
  };
  const decode = (op) => (op.undefined ? undefined : JSON.parse(op.json));

  const ops = {
    define(op) {
      const fn = lambdas.get("pending");
      lambdas.delete("pending");
      if (typeof fn !== "function") return { ok: false, kind: typeof fn };
      lambdas.set(op.lambda, fn);
      const kind =
        fn instanceof AsyncGeneratorFunction
          ? "async-generator"
          : fn instanceof GeneratorFunction
            ? "generator"
            : "function";
      return { ok: true, kind, name: typeof fn.name === "string" ? fn.name : "" };
    },
    call(op) {
      const fn = lambdas.get(op.lambda);
      const state = { outcome: undefined };
      calls.set(op.id, state);
      const done = (outcome) => {
        state.outcome = outcome;
      };
      let result;
      try {
        result = fn(decode(op));
      } catch (e) {
        done({ error: describe(e) });
        return;
      }
      Promise.resolve(result).then(
        (v) => {
          try {
            done({ value: encode(v) });
          } catch (e) {
            done({ error: describe(e) });
          }
        },
        (e) => done({ error: describe(e) }),
      );
    },
    start(op) {
      const fn = lambdas.get(op.lambda);
      const state = { outcome: undefined, waiter: undefined, needInput: false, inputClosed: false };
      calls.set(op.id, state);
      const inputs = {
        [Symbol.asyncIterator]() {
          return this;
        },
        next() {
          if (state.inputClosed) return Promise.resolve({ value: undefined, done: true });
          if (state.waiter) return Promise.reject(new Error("the input stream was read twice at once"));
          state.needInput = true;
          return new Promise((resolve, reject) => {
            state.waiter = { resolve, reject };
          });
        },
        return() {
          state.inputClosed = true;
          return Promise.resolve({ value: undefined, done: true });
        },
      };
      try {
        state.gen = fn(inputs);
      } catch (e) {
        state.startError = describe(e);
      }
    },
    next(op) {
      const state = calls.get(op.id);
      state.outcome = undefined;
      if (state.startError) {
        state.outcome = { error: state.startError };
        return;
      }
      state.gen.next().then(
        (r) => {
          try {
            state.outcome = r.done ? { done: true } : { value: encode(r.value) };
          } catch (e) {
            state.outcome = { error: describe(e) };
          }
        },
        (e) => {
          state.outcome = { error: describe(e) };
        },
      );
    },
    feed(op) {
      const state = calls.get(op.id);
      const waiter = state.waiter;
      state.waiter = undefined;
      state.needInput = false;
      if (!waiter) return;
      if (op.end) {
        state.inputClosed = true;
        waiter.resolve({ value: undefined, done: true });
      } else waiter.resolve({ value: decode(op), done: false });
    },
    close(op) {
      const state = calls.get(op.id);
      calls.delete(op.id);
      if (state && state.gen) state.gen.return(undefined).catch(() => undefined);
    },
  };

  const sluice = Object.freeze({
    op(json) {
      const op = JSON.parse(json);
      const out = ops[op.op](op);
      return out === undefined ? undefined : JSON.stringify(out);
    },
    poll(id) {
      const state = calls.get(id);
      const out = {
        outcome: state ? state.outcome : undefined,
        needInput: state ? state.needInput : false,
        logs: logs.splice(0, logs.length),
      };
      if (state && state.outcome !== undefined && !state.gen) calls.delete(id);
      return JSON.stringify(out);
    },
    pending(fn) {
      lambdas.set("pending", fn);
    },
  });
  Object.defineProperty(globalThis, "__sluice", { value: sluice, enumerable: false });
})();
`;
