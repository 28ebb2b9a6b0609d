import { useEffect, useLayoutEffect, useRef } from "react";

/** Within this many pixels of the bottom counts as "at the bottom". */
const SLACK_PX = 8;

/** Keys that scroll a focused box; our own scrolling never presses them. */
const UP_KEYS = new Set(["ArrowUp", "PageUp", "Home"]);
const DOWN_KEYS = new Set(["ArrowDown", "PageDown", "End", " "]);

/**
 * Keeps a scroll box at its bottom while its content grows, unless the user scrolled up to read:
 * then it stays put until they scroll back down. `ref` goes on the scroll box, `contentRef` on
 * the one element inside it that grows.
 *
 * Two costs measured with 16 boxes streaming (`npm run bench:ui -- --only run --profile DIR`,
 * docs/run.md#performance) shape this:
 * - the scroll happens in a ResizeObserver callback, which runs right after the browser's own
 *   layout, so setting `scrollTop` there is free (a layout effect forced a synchronous layout per
 *   box per frame: 2.4 s of a 10.9 s profile);
 * - there is no scroll listener: each of our own scrolls would dispatch one (3,700 events, 1.3 s
 *   of a trace). What the user does says it instead: a wheel or key up, or a held pointer or
 *   finger, stops following; moving down follows again once the box reaches the bottom.
 */
export function useStickToBottom<T extends HTMLElement, C extends HTMLElement = HTMLElement>(
  /** Told when the box stops or starts following (the text's owner pins what the user reads). */
  onFollowingChange?: (following: boolean) => void,
) {
  const ref = useRef<T>(null);
  const contentRef = useRef<C>(null);
  const notify = useRef(onFollowingChange);
  useLayoutEffect(() => {
    notify.current = onFollowingChange;
  }, [onFollowingChange]);
  useEffect(() => {
    const el = ref.current;
    const inner = contentRef.current;
    if (!el || !inner) return;
    let stuck = true;
    let held = false;
    const setStuck = (next: boolean) => {
      if (next === stuck) return;
      stuck = next;
      notify.current?.(next);
    };
    const atBottom = () => el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
    // Moving towards the end: follow again once the box reaches the bottom. A smooth scroll lands
    // over several frames while the text keeps growing, so look a few times.
    const watchForBottom = () => {
      const look = () => {
        if (!held && atBottom()) setStuck(true);
      };
      requestAnimationFrame(() => requestAnimationFrame(look));
      for (const ms of [150, 300, 600]) setTimeout(look, ms);
    };
    const onWheel = (e: WheelEvent) => {
      if (e.deltaY < 0) setStuck(false);
      else watchForBottom();
    };
    const onKey = (e: KeyboardEvent) => {
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
    el.addEventListener("wheel", onWheel, { passive: true });
    el.addEventListener("keydown", onKey);
    el.addEventListener("pointerdown", onHold, { passive: true });
    el.addEventListener("touchstart", onHold, { passive: true });
    const observer =
      typeof ResizeObserver === "undefined"
        ? undefined
        : new ResizeObserver(() => {
            if (stuck) el.scrollTop = el.scrollHeight;
          });
    observer?.observe(inner);
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      el.removeEventListener("wheel", onWheel);
      el.removeEventListener("keydown", onKey);
      el.removeEventListener("pointerdown", onHold);
      el.removeEventListener("touchstart", onHold);
      removeEventListener("pointerup", onRelease);
      removeEventListener("touchend", onRelease);
    };
  }, []);
  return { ref, contentRef };
}
