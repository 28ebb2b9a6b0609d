/**
 * The lambdas' slots and their workers in the frame: one slot per distinct piece of code, its code
 * sent once per frame, and at most `maxWorkers` workers, the least recently used idle one retired
 * first (docs/sandbox.md).
 */
import { lambdaLabel } from "./errors.ts";
import type { LambdaSlot } from "./host-types.ts";
import type { HostMessage } from "./protocol.ts";
import { lambdaSourceUrl } from "./stack.ts";

export class WorkerPool {
  private useClock = 0;
  private readonly slotsByCode = new Map<string, LambdaSlot>();
  private readonly slotsById = new Map<number, LambdaSlot>();

  constructor(private readonly maxWorkers: number) {}

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

  /** The slot with this id, if there is one. */
  byId(id: number): LambdaSlot | undefined {
    return this.slotsById.get(id);
  }

  /** A new frame has no code and no workers yet. */
  resetForNewFrame(): void {
    for (const slot of this.slotsById.values()) {
      slot.loaded = false;
      slot.workerLive = false;
    }
  }

  /** Sends the code once per frame and keeps at most `maxWorkers` workers, retiring the least recently used idle one. */
  prepare(slot: LambdaSlot, post: (message: HostMessage) => void): void {
    if (!slot.loaded) {
      post({ type: "load", lambda: slot.id, code: slot.code, sourceUrl: slot.sourceUrl });
      slot.loaded = true;
    }
    slot.lastUsed = ++this.useClock;
    if (slot.workerLive) return;
    const live = [...this.slotsById.values()].filter((s) => s.workerLive);
    if (live.length >= this.maxWorkers) {
      const idle = live.filter((s) => s.inFlight === 0).sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (idle) {
        post({ type: "kill", lambda: idle.id });
        idle.workerLive = false;
      }
    }
    slot.workerLive = true;
  }
}
