import { type TimeRange, timeToX } from "./zoom.ts";

/**
 * The stream ticks of a row as one SVG path ("M x y V y" per tick). One path element per row
 * however many chunks stream (a canvas per row would be as cheap, but needs DPR handling and can
 * be neither styled by Tailwind's dark mode nor inspected in tests). Ticks landing on the same
 * pixel column are drawn once, and a binary search jumps from one column to the next, so both the
 * path and the work grow with the row's width in pixels, not with its chunk count.
 */
export function tickPath(
  ticks: readonly number[],
  range: TimeRange,
  width: number,
  top: number,
  bottom: number,
): string {
  const parts: string[] = [];
  const msPerPx = (range.end - range.start) / Math.max(width, 1);
  let lastColumn = Number.NaN;
  let i = lowerBound(ticks, range.start);
  while (i < ticks.length) {
    const t = ticks[i]!;
    if (t > range.end) break;
    const column = Math.round(timeToX(t, range, width));
    // Half-pixel offsets keep a 1px stroke crisp; the skip below can land a rounding error short
    // of the next column, hence the check.
    if (column !== lastColumn) parts.push(`M${column + 0.5} ${top}V${bottom}`);
    lastColumn = column;
    // Jump past the other ticks that round to this column.
    i = lowerBound(ticks, range.start + (column + 0.5) * msPerPx, i + 1);
  }
  return parts.join("");
}

/** The index of the tick nearest `t`, if one is within `tolerance` ms. */
export function nearestTick(ticks: readonly number[], t: number, tolerance: number): number | undefined {
  const i = lowerBound(ticks, t);
  let best: number | undefined;
  for (const j of [i - 1, i]) {
    const tick = ticks[j];
    if (tick === undefined || Math.abs(tick - t) > tolerance) continue;
    if (best === undefined || Math.abs(tick - t) < Math.abs(ticks[best]! - t)) best = j;
  }
  return best;
}

/** The first index whose value is ≥ `t` (the values are sorted: events arrive in time order). */
export function lowerBound(sorted: readonly number[], t: number, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
