/**
 * One call of a plain function: the whole input goes in, its awaited result comes back. The clock
 * starts when the call reaches the frame and runs until the result (docs/sandbox.md#limits).
 */
import { abortError } from "../../core/index.ts";
import { SandboxError, capitalize } from "./errors.ts";
import type { ActiveCall, CallHost, LambdaSlot } from "./host-types.ts";
import { decodeFromSandbox } from "./plain-data.ts";
import { lambdaErrorFrom } from "./stack.ts";

/** Registers and sends the call; `resolve` gets the revived result, `reject` the call's error. */
export function startPlainCall(
  link: CallHost,
  id: number,
  slot: LambdaSlot,
  encoded: unknown,
  signal: AbortSignal | undefined,
  resolve: (value: unknown) => void,
  reject: (error: Error) => void,
): void {
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
      if (!link.isActive(call)) return;
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
}
