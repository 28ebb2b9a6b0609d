/** Sizes shared by the axis, the rows and the pointer maths. */
export const ROW_HEIGHT = 22;
export const AXIS_HEIGHT = 22;
/** Width of the names column, in px (Tailwind's w-40). */
export const NAME_WIDTH = 160;
/** Space left and right of the bars, so a bar at 0 or at the end is not cut by the edge. */
export const BAR_PAD = 8;
/** How close (px) the pointer must be to a tick to hover or click it. */
export const TICK_HIT_PX = 4;
/** Pointer travel (px) after which a press is a drag (pan), not a click. */
export const DRAG_PX = 3;

/** The DOM id of a run's row, for aria-activedescendant. */
export function rowDomId(prefix: string, runId: string): string {
  return `${prefix}-run-${runId}`;
}
