import { type RefObject, useEffect } from "react";

/** While `open`, a pointer pressed outside `ref`'s element calls `close` (menus and popovers). */
export function useCloseOnOutsidePointer(
  ref: RefObject<HTMLElement | null>,
  open: boolean,
  close: () => void,
): void {
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    window.addEventListener("pointerdown", onPointerDown);
    return () => window.removeEventListener("pointerdown", onPointerDown);
  }, [ref, open, close]);
}
