/**
 * The code that runs inside the sandbox: the bridge (the iframe's one script, bridge.ts) and the
 * worker runtime (one Worker per lambda, worker-runtime.ts). Both are turned into source text with
 * `Function.prototype.toString` (see srcdoc.ts), so each of those functions must be self-contained:
 * it may use its parameters and the globals of the place it runs in, never an import or a
 * module-level name — those would not exist in the sandbox.
 */
export { bridgeMain, type BridgeWindow, type BridgeWorker } from "./bridge.ts";
export { workerMain } from "./worker-runtime.ts";
