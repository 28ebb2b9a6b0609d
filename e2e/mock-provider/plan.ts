/**
 * Applies a scenario's in-stream faults to the normal event list, giving the ordered plan the writer
 * plays: events, stalls and a socket reset. Faults count wire events, so they land at exact byte offsets.
 */
import type { Scenario } from "./scenario.ts";
import type { WireEvent } from "./types.ts";

export type Step =
  { kind: "event"; ev: WireEvent } | { kind: "stall"; ms: number | null } | { kind: "reset" };

/** A copy of the event whose JSON is cut in half: a line a parser must reject, not misread. */
function malformed(ev: WireEvent): WireEvent {
  const cut = Math.max(1, Math.floor(ev.data.length / 2));
  return { ...ev, data: ev.data.slice(0, cut) };
}

export function buildPlan(events: WireEvent[], s: Scenario, streamError: () => WireEvent[]): Step[] {
  const steps: Step[] = [];
  // Terminal faults stop the normal events; abruptClose keeps at least the final signal out.
  let stopAt = events.length;
  if (s.streamError) stopAt = Math.min(stopAt, s.streamError.afterChunks);
  if (s.reset) stopAt = Math.min(stopAt, s.reset.afterChunks);
  if (s.abruptClose) stopAt = Math.min(stopAt, s.abruptClose.afterChunks, Math.max(0, events.length - 1));

  for (let i = 0; i <= stopAt; i++) {
    if (s.malformedLine?.afterChunks === i) {
      const template = events[Math.min(i, events.length - 1)];
      if (template) steps.push({ kind: "event", ev: malformed(template) });
    }
    if (s.stall?.afterChunks === i) steps.push({ kind: "stall", ms: s.stall.ms ?? null });
    const ev = events[i];
    if (i < stopAt && ev) steps.push({ kind: "event", ev });
  }
  // Counts past the end of an uncut stream still fire, at the end.
  const past = (n: number | undefined): boolean => n !== undefined && stopAt === events.length && n > stopAt;
  const last = events[events.length - 1];
  if (past(s.malformedLine?.afterChunks) && last) steps.push({ kind: "event", ev: malformed(last) });
  if (past(s.stall?.afterChunks)) steps.push({ kind: "stall", ms: s.stall?.ms ?? null });
  if (s.streamError) for (const ev of streamError()) steps.push({ kind: "event", ev });
  if (s.reset) steps.push({ kind: "reset" });
  return steps;
}
