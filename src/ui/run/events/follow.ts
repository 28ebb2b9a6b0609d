/** What the list knows after a scroll event, from values it already has (no layout read). */
export interface ScrollFacts {
  /** The scroll offset now, and at the previous scroll event. */
  top: number;
  lastTop: number;
  /** The height of every row together, and of the visible part. */
  contentHeight: number;
  viewportHeight: number;
  following: boolean;
  /** How close to the end still counts as "at the end" (half a row). */
  slack: number;
}

/**
 * Whether the list keeps following the newest event after a scroll. Reaching the end turns
 * following on; only moving *up* turns it off. Rows arriving never move the offset, and our own
 * scroll to the end only moves it down, so neither can switch following off by accident (a scroll
 * event may arrive after more rows did, when the offset is no longer at the end).
 */
export function followAfterScroll(f: ScrollFacts): boolean {
  if (f.contentHeight - (f.top + f.viewportHeight) < f.slack) return true;
  if (f.top < f.lastTop - 1) return false;
  return f.following;
}
