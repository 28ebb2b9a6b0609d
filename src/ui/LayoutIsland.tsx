import type { ReactNode } from "react";

/**
 * A slot whose content is laid out on its own: a change inside (a count in a header, a new row)
 * lays out this box alone, never the document around it.
 *
 * Chromium lays out from the nearest relayout boundary, and a box is one only if its size cannot
 * depend on its content and it is not a flex or grid item. So the content sits in an `absolute
 * inset-0` box (sized by the slot) with size and layout containment, inside a `relative` wrapper
 * that is the parent's item. Without it, the summary views' ten updates a second each laid out the
 * whole page (about 470 objects, 6 ms: docs/run.md#performance).
 *
 * No paint containment, so a menu may overflow it, but layout containment also makes the box a
 * stacking context (what overflows paints under the islands after it) and the containing block of
 * `position: fixed` descendants: anything placed in viewport coordinates (a tooltip at the pointer)
 * must be portalled out. And a `<select>` inside disqualifies the box as a boundary (Chromium never
 * makes an ancestor of one a relayout root): controls in the run column are radio buttons, except
 * the History and Batch tabs' selects, whose tabs redraw little while a run streams.
 */
export function LayoutIsland({ children }: { children: ReactNode }) {
  return (
    <div className="relative min-h-0 min-w-0">
      <div className="absolute inset-0 grid grid-cols-[minmax(0,1fr)] grid-rows-[minmax(0,1fr)] [contain:size_layout]">
        {children}
      </div>
    </div>
  );
}
