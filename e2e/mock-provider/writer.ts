/**
 * Plays a plan on a response: framing to bytes, K-byte pieces, delays or a steady event rate, stalls,
 * and a socket reset. Everything stops as soon as `signal` aborts (client gone or server closing).
 */
import type { ServerResponse } from "node:http";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { Step } from "./plan.ts";
import type { Framer } from "./sse.ts";

export type Item = { bytes: Buffer } | { stall: number | null } | { reset: true };

export interface Pacing {
  pieceBytes?: number;
  delayMs?: number;
  perSecond?: number;
}

export type PlayOutcome = "ended" | "reset" | "aborted";

/** Told about every body write once it is handed to the socket, with its epoch time in ms (sub-ms). */
export type WriteListener = (bytes: Buffer, at: number) => void;

export function toItems(steps: Step[], framer: Framer): Item[] {
  return steps.map((s): Item => {
    if (s.kind === "stall") return { stall: s.ms };
    if (s.kind === "reset") return { reset: true };
    return { bytes: Buffer.from(framer.encode(s.ev), "utf8") };
  });
}

/** Cuts bytes at fixed offsets, blind to UTF-8 characters and SSE lines: that is the point. */
export function cutPieces(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new Error("aborted"));
    else signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
  });
}

class Player {
  private wroteAny = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly pacing: Pacing,
    private readonly signal: AbortSignal,
    private readonly beforeReset: () => void,
    private readonly onWrite: WriteListener | undefined,
  ) {}

  private async write(buf: Buffer): Promise<void> {
    if (this.signal.aborted) throw new Error("aborted");
    // Honour backpressure so a slow reader does not make the mock buffer a whole stream.
    const flushed = this.res.write(buf);
    this.onWrite?.(buf, performance.timeOrigin + performance.now());
    if (!flushed) await once(this.res, "drain", { signal: this.signal });
  }

  private pieces(buf: Buffer): Buffer[] {
    return this.pacing.pieceBytes ? cutPieces(buf, this.pacing.pieceBytes) : [buf];
  }

  /** Fixed delay between writes (events, or pieces when pieceBytes is set). */
  private async playDelayed(run: Buffer[]): Promise<void> {
    const units = this.pacing.pieceBytes ? this.pieces(Buffer.concat(run)) : run;
    const delay = this.pacing.delayMs ?? 0;
    for (const unit of units) {
      if (this.wroteAny && delay > 0) await sleep(delay, undefined, { signal: this.signal });
      await this.write(unit);
      this.wroteAny = true;
    }
  }

  /**
   * A steady event rate. Events that fell due since the last tick go out in one write, so the average
   * rate holds however coarse the timers are, and a benchmark's many streams stay cheap.
   */
  private async playRate(run: Buffer[], perSecond: number): Promise<void> {
    const t0 = performance.now();
    let sent = 0;
    while (sent < run.length) {
      const due = Math.min(run.length, Math.floor(((performance.now() - t0) * perSecond) / 1000) + 1);
      if (due > sent) {
        for (const piece of this.pieces(Buffer.concat(run.slice(sent, due)))) await this.write(piece);
        sent = due;
      }
      if (sent < run.length) {
        const wait = t0 + (sent * 1000) / perSecond - performance.now();
        await sleep(Math.max(1, wait), undefined, { signal: this.signal });
      }
    }
  }

  async play(items: Item[]): Promise<PlayOutcome> {
    let i = 0;
    while (i < items.length) {
      const item = items[i]!;
      if ("reset" in item) {
        // Flush, then destroy. Not an RST: that makes the client's kernel drop bytes it has not read
        // yet. Closing mid chunked body still fails the client's read (no terminating chunk).
        this.beforeReset();
        this.res.socket?.destroySoon();
        return "reset";
      }
      if ("stall" in item) {
        if (item.stall === null) await untilAborted(this.signal);
        else await sleep(item.stall, undefined, { signal: this.signal });
        i++;
        continue;
      }
      const run: Buffer[] = [];
      for (; i < items.length; i++) {
        const next = items[i]!;
        if (!("bytes" in next)) break;
        run.push(next.bytes);
      }
      if (this.pacing.perSecond) await this.playRate(run, this.pacing.perSecond);
      else await this.playDelayed(run);
    }
    this.res.end();
    return "ended";
  }
}

export async function play(
  res: ServerResponse,
  items: Item[],
  pacing: Pacing,
  signal: AbortSignal,
  beforeReset: () => void,
  onWrite?: WriteListener,
): Promise<PlayOutcome> {
  try {
    return await new Player(res, pacing, signal, beforeReset, onWrite).play(items);
  } catch (err) {
    if (signal.aborted) return "aborted";
    throw err;
  }
}
