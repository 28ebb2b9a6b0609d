import { useEffect, useRef } from "react";
import { scrollTopToShow } from "../events/use-fixed-rows.ts";

/**
 * Scrolls the rows so the active row is visible when it becomes active (keyboard moves, a
 * selection from the events list), but not on every frame after: the user may scroll away.
 */
export function useScrollRowIntoView(
  scroller: HTMLElement | null,
  activeId: string | undefined,
  activeIndex: number,
  headerHeight: number,
  rowHeight: number,
): void {
  const scrolledFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!scroller || activeIndex < 0 || scrolledFor.current === activeId) return;
    scrolledFor.current = activeId;
    // The sticky axis covers the top of the scroller, so rows live below it.
    const top = scrollTopToShow(
      activeIndex,
      scroller.scrollTop,
      scroller.clientHeight - headerHeight,
      rowHeight,
    );
    if (top !== undefined) scroller.scrollTo?.({ top });
  }, [scroller, activeId, activeIndex, headerHeight, rowHeight]);
}
