import type { ReactNode } from "react";

/*
 * Relayout boundaries. Chromium lays out from the nearest relayout boundary, and a box is one only
 * if its size cannot depend on its content and it is not a flex or grid item. So the content sits
 * in an `absolute inset-0` box (sized by its slot) with size and layout containment, inside a
 * `relative` slot that is the parent's flex or grid item. Without one, a streaming view's every
 * update laid out the whole page (docs/run.md#performance).
 *
 * A `<select>` inside disqualifies a box as a boundary (Chromium never makes an ancestor of one a
 * relayout root): controls in the run column are radio buttons, except the History and Batch tabs'
 * selects, whose tabs redraw little while a run streams.
 */

/** The classes of a scroll box that is a boundary in a `BoundarySlot` (strict: it clips, too). */
export const BOUNDARY_BOX = "absolute inset-0 [contain:strict]";

/** The slot a boundary box fills; `className` sizes it (e.g. `min-h-0 flex-1`). */
export function BoundarySlot({ className, children }: { className: string; children: ReactNode }) {
  return <div className={`relative ${className}`}>{children}</div>;
}

/**
 * A grid cell whose content is laid out on its own: a change inside (a count in a header, a new
 * row) lays out this cell alone, never the document around it. The summary views' columns.
 *
 * No paint containment, so a menu may overflow it, but layout containment also makes the box a
 * stacking context (what overflows paints under the cells after it) and the containing block of
 * `position: fixed` descendants: anything placed in viewport coordinates (a tooltip at the pointer)
 * must be portalled out.
 */
export function LayoutIsland({ children }: { children: ReactNode }) {
  return (
    <BoundarySlot className="min-h-0 min-w-0">
      <div className="absolute inset-0 grid grid-cols-[minmax(0,1fr)] grid-rows-[minmax(0,1fr)] [contain:size_layout]">
        {children}
      </div>
    </BoundarySlot>
  );
}
