import type { ChainDocument } from "../../../graph/index.ts";

const clock = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const day = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

/** "14:03:12", with the day in front when it was not today: "Mar 4, 14:03:12". */
export function formatRunTime(epochMs: number, now: number = Date.now()): string {
  const when = new Date(epochMs);
  const sameDay = when.toDateString() === new Date(now).toDateString();
  return sameDay ? clock.format(when) : `${day.format(when)}, ${clock.format(when)}`;
}

/** "850 ms", "1.9 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

/**
 * Whether the chain differs in what it computes from the one a past run ran: nodes (type, name,
 * data) and edges. Moving nodes around does not count.
 */
export function chainChangedSince(then: ChainDocument, now: ChainDocument): boolean {
  return shapeOf(then) !== shapeOf(now);
}

function shapeOf(doc: ChainDocument): string {
  const nodes = doc.nodes.map(({ position: _position, ...rest }) => rest);
  return stableJson({ nodes, edges: doc.edges });
}

/** JSON with object keys sorted, so key order never reads as a change. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
