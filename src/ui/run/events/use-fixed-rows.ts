import { type RefObject, useCallback, useLayoutEffect, useRef, useState } from "react";

// Hand-written rather than @tanstack/react-virtual. That library's `getMeasurements` rebuilds its
// measurement cache for every item whenever `count` changes: O(count) per update, measured at
// 410 ms of a 10.8 s profile with 84,000 events (about 4 ms an update, ten updates a second). Our
// rows all have one height, so row i sits at i * rowHeight and the window is arithmetic: O(1) to
// find, O(visible rows) to render.

/** Rows assumed visible when the scroller has no height (jsdom lays nothing out). */
const FALLBACK_ROWS = 30;

interface WindowInput {
  /** The scroller's offset and visible height, in pixels. */
  scrollTop: number;
  viewport: number;
  count: number;
  rowHeight: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan: number;
}

/** Rows `start` (inclusive) to `end` (exclusive). */
interface RowRange {
  start: number;
  end: number;
}

/**
 * Which rows of a fixed-height list to render. The offset is clamped like the browser clamps it:
 * when the list shrinks (a filter), the last screenful shows at once rather than nothing until the
 * scroll event that follows the clamp.
 */
export function fixedWindow({ scrollTop, viewport, count, rowHeight, overscan }: WindowInput): RowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const view = Math.max(0, viewport);
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, count * rowHeight - view));
  const start = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((top + view) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

/**
 * The offset that brings row `index` fully into view with the least movement ("auto"): its top at
 * the viewport's top if it is above, its bottom at the viewport's bottom if below (its top, if the
 * row is taller than the viewport), or undefined when it is already in view.
 */
export function scrollTopToShow(
  index: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number,
): number | undefined {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return Math.min(top, top + rowHeight - viewport);
  return undefined;
}

interface View {
  scrollTop: number;
  viewport: number;
}

/**
 * Whether two views render the same rows for any count: the same first and last visible rows,
 * and the same height. Scrolling within a row changes nothing, so it does not re-render.
 */
function sameRows(a: View, b: View, rowHeight: number): boolean {
  return (
    a.viewport === b.viewport &&
    Math.floor(a.scrollTop / rowHeight) === Math.floor(b.scrollTop / rowHeight) &&
    Math.ceil((a.scrollTop + a.viewport) / rowHeight) === Math.ceil((b.scrollTop + b.viewport) / rowHeight)
  );
}

export interface FixedRows extends RowRange {
  /** The height of every row together. */
  totalSize: number;
  /** The scroller's visible height (FALLBACK_ROWS rows while it has none). */
  viewportHeight: number;
  /** Call with the scroller's offset from its scroll event. */
  onScroll: (scrollTop: number) => void;
  /** Scrolls row `index` into view ("auto" alignment: only if it is not in view already). */
  scrollToIndex: (index: number) => void;
}

/**
 * The window of a fixed-row-height list in `scrollerRef`. Its state changes only when the rows in
 * view do (not on every scrolled pixel), and the scroller's height is read only when it resizes
 * (a ResizeObserver callback, after the browser's own layout).
 */
export function useFixedRows(
  scrollerRef: RefObject<HTMLElement | null>,
  { count, rowHeight, overscan }: { count: number; rowHeight: number; overscan: number },
): FixedRows {
  const [view, setView] = useState<View>({ scrollTop: 0, viewport: 0 });
  // The last view set, to skip the setState (and the render React may still do for an unchanged
  // value) on a scroll within the same rows. Written only outside render.
  const lastView = useRef(view);
  const viewportHeight = view.viewport > 0 ? view.viewport : FALLBACK_ROWS * rowHeight;

  const update = useCallback(
    (scrollTop: number, viewport: number) => {
      const next = { scrollTop, viewport };
      if (sameRows(lastView.current, next, rowHeight)) return;
      lastView.current = next;
      setView(next);
    },
    [rowHeight],
  );

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const measure = () => update(el.scrollTop, el.clientHeight);
    // Without ResizeObserver (jsdom) measure once; with it, its first callback measures, after
    // the browser's layout rather than forcing one here (the fallback height covers that frame).
    if (typeof ResizeObserver === "undefined") {
      measure();
      return;
    }
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollerRef, update]);

  const onScroll = useCallback((scrollTop: number) => update(scrollTop, lastView.current.viewport), [update]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollerRef.current;
      if (!el) return;
      const viewport = el.clientHeight || FALLBACK_ROWS * rowHeight;
      const top = scrollTopToShow(index, el.scrollTop, viewport, rowHeight);
      if (top === undefined) return;
      el.scrollTop = top;
      // Render the rows there now rather than a frame later, at the scroll event; read the offset
      // back, as the browser clamps it.
      update(el.scrollTop, el.clientHeight);
    },
    [scrollerRef, rowHeight, update],
  );

  const { start, end } = fixedWindow({
    scrollTop: view.scrollTop,
    viewport: viewportHeight,
    count,
    rowHeight,
    overscan,
  });
  return { start, end, totalSize: count * rowHeight, viewportHeight, onScroll, scrollToIndex };
}
