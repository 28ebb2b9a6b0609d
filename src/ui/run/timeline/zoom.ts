/** A span of run time in milliseconds since the run's start. */
export interface TimeRange {
  start: number;
  end: number;
}

/** The narrowest range one can zoom to: a few events apart in a fast local run. */
export const MIN_SPAN = 0.2;
/** One zoom step of the buttons and keys. */
export const ZOOM_STEP = 1.6;

/** The whole run: where the view starts and where it returns on Fit. */
export function fitRange(duration: number): TimeRange {
  return { start: 0, end: Math.max(duration, 1) };
}

/**
 * Scales the range by `factor` (< 1 zooms in) keeping `anchor` (a time, e.g. under the pointer) at
 * the same place on screen, then keeps it inside `limits`.
 */
export function zoomAt(range: TimeRange, factor: number, anchor: number, limits: TimeRange): TimeRange {
  const span = range.end - range.start;
  const nextSpan = Math.min(Math.max(span * factor, MIN_SPAN), limits.end - limits.start);
  const start = anchor - ((anchor - range.start) * nextSpan) / span;
  return clampRange({ start, end: start + nextSpan }, limits);
}

/** Moves the range by `delta` ms, stopping at the limits. */
export function panBy(range: TimeRange, delta: number, limits: TimeRange): TimeRange {
  return clampRange({ start: range.start + delta, end: range.end + delta }, limits);
}

/** Shifts a range back inside `limits` (shrinking it only when it is wider than they are). */
export function clampRange(range: TimeRange, limits: TimeRange): TimeRange {
  const span = Math.min(range.end - range.start, limits.end - limits.start);
  const start = Math.min(Math.max(range.start, limits.start), limits.end - span);
  return { start, end: start + span };
}

/** Whether the range shows everything, so zooming out further means "fit". */
export function coversAll(range: TimeRange, limits: TimeRange): boolean {
  return range.start <= limits.start && range.end >= limits.end;
}

/** Moves the range so `t` is in view (centred), when it is not already. */
export function reveal(range: TimeRange, t: number, limits: TimeRange): TimeRange {
  if (t >= range.start && t <= range.end) return range;
  const half = (range.end - range.start) / 2;
  return clampRange({ start: t - half, end: t + half }, limits);
}

export function timeToX(t: number, range: TimeRange, width: number): number {
  return ((t - range.start) / (range.end - range.start)) * width;
}

export function xToTime(x: number, range: TimeRange, width: number): number {
  return range.start + (x / Math.max(width, 1)) * (range.end - range.start);
}

/** The zoom factor of one wheel event: smooth for trackpads (small deltas), one step per mouse notch. */
export function wheelZoomFactor(deltaY: number): number {
  return ZOOM_STEP ** Math.max(-1, Math.min(1, deltaY / 200));
}
