import { useLayoutEffect, useRef } from "react";

/** Within this many pixels of the bottom counts as "at the bottom". */
const SLACK_PX = 8;

/** Keys that scroll a focused box; our own scrolling never presses them. */
const UP_KEYS = new Set(["ArrowUp", "PageUp", "Home"]);
const DOWN_KEYS = new Set(["ArrowDown", "PageDown", "End", " "]);

/** After we scroll a wheel notch ourselves, the rest of that wheel gesture is ours too. */
const WHEEL_GESTURE_MS = 400;

/** Pixels per line and per page of a wheel event's `deltaMode` 1 and 2. */
const LINE_PX = 16;

/**
 * The classes a box that uses `useStickToBottom` needs: while it follows the stream
 * (`data-following`), it is a column whose content sits at its bottom edge and overflows at the
 * top, clipped; its content needs `shrink-0`. The scrollbar's gutter is always there, so the text
 * does not re-wrap (and a selection being started does not jump) when the box becomes scrollable.
 */
export const FOLLOWING_BOX =
  "[scrollbar-gutter:stable] data-following:flex data-following:flex-col data-following:justify-end data-following:overflow-hidden";

/**
 * Keeps a scroll box showing its end while its content grows, unless the user scrolled up to read:
 * then it stays put until they scroll back down. `ref` goes on the box, which also gets
 * FOLLOWING_BOX.
 *
 * While following, the box does not scroll at all: its content is laid out against its bottom edge
 * (`justify-content: flex-end`, overflow clipped). Scrolling it every frame instead (a scrollTop
 * set from a ResizeObserver) changed sixteen scroll offsets per frame with eight models streaming,
 * and Chromium re-layerized the page for each frame: 4.5 ms of a 35 ms frame, measured with
 * `BENCH_TRACE` (docs/run.md#performance), plus a scroll event per box per frame.
 *
 * The user's first move up turns the box into an ordinary scroll box at its bottom (nothing moves
 * on screen) and then scrolls it: a wheel up, a key up, or a pointer or finger held on it (dragging
 * a selection). Reaching the bottom again follows again.
 */
export function useStickToBottom<T extends HTMLElement>(
  /** Told when the box stops or starts following (the text's owner pins what the user reads). */
  onFollowingChange?: (following: boolean) => void,
) {
  const ref = useRef<T>(null);
  const notify = useRef(onFollowingChange);
  useLayoutEffect(() => {
    notify.current = onFollowingChange;
  }, [onFollowingChange]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let stuck = true;
    let held = false;
    let ownWheelUntil = 0;
    el.dataset.following = "";
    const setStuck = (next: boolean) => {
      if (next === stuck) return;
      stuck = next;
      if (next) el.dataset.following = "";
      else {
        // From bottom-aligned to scrolled to the bottom: the same picture, now scrollable.
        delete el.dataset.following;
        el.scrollTop = el.scrollHeight;
      }
      notify.current?.(next);
    };
    // Moving towards the end: follow again once the box reaches the bottom it had when the user
    // moved (a fast stream keeps growing it meanwhile). A smooth scroll lands over several frames,
    // so look a few times after the latest move (a fling sends dozens of wheel events).
    let looks: ReturnType<typeof setTimeout>[] = [];
    const stopLooking = () => {
      looks.forEach(clearTimeout);
      looks = [];
    };
    const watchForBottom = () => {
      stopLooking();
      if (stuck) return;
      const bottom = el.scrollHeight;
      const look = () => {
        const reached = el.scrollTop + el.clientHeight >= Math.min(bottom, el.scrollHeight) - SLACK_PX;
        if (!held && !stuck && reached) setStuck(true);
      };
      looks = [50, 150, 300, 600].map((ms) => setTimeout(look, ms));
    };
    const onWheel = (e: WheelEvent) => {
      const now = performance.now();
      // A box that follows cannot scroll, so the browser would not move it for this gesture:
      // we do, for the first notch and the rest of the gesture.
      if (stuck && e.deltaY < 0) {
        setStuck(false);
        ownWheelUntil = now + WHEEL_GESTURE_MS;
      }
      if (now < ownWheelUntil) {
        e.preventDefault();
        ownWheelUntil = now + WHEEL_GESTURE_MS;
        const unit = e.deltaMode === 1 ? LINE_PX : e.deltaMode === 2 ? el.clientHeight : 1;
        el.scrollTop = Math.max(0, el.scrollTop + e.deltaY * unit);
      }
      if (e.deltaY > 0) watchForBottom();
    };
    const onKey = (e: KeyboardEvent) => {
      // The key's own scrolling happens after this handler, in the box made scrollable here.
      if (UP_KEYS.has(e.key)) setStuck(false);
      else if (DOWN_KEYS.has(e.key)) watchForBottom();
    };
    // While a pointer or finger is down (dragging the scrollbar, selecting text) the box never moves.
    const onHold = () => {
      held = true;
      setStuck(false);
      addEventListener("pointerup", onRelease, { once: true });
      addEventListener("touchend", onRelease, { once: true });
    };
    const onRelease = () => {
      held = false;
      watchForBottom();
    };
    // Not passive: the first notch of a gesture on a following box is ours to scroll.
    el.addEventListener("wheel", onWheel, { passive: false });
    el.addEventListener("keydown", onKey);
    el.addEventListener("pointerdown", onHold, { passive: true });
    el.addEventListener("touchstart", onHold, { passive: true });
    return () => {
      stopLooking();
      el.removeEventListener("wheel", onWheel);
      el.removeEventListener("keydown", onKey);
      el.removeEventListener("pointerdown", onHold);
      el.removeEventListener("touchstart", onHold);
      removeEventListener("pointerup", onRelease);
      removeEventListener("touchend", onRelease);
    };
  }, []);
  return { ref };
}
