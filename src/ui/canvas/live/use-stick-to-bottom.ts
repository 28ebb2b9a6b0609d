import { useEffect, useRef } from "react";

/** Within this many pixels of the bottom counts as "at the bottom". */
const SLACK_PX = 8;

/** What the user does to scroll: our own scrolling never fires these. */
const USER_SCROLL_INTENTS = ["wheel", "keydown", "touchend"] as const;

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
 *   of a trace). Whether the user left the bottom is checked only after they act (wheel,
 *   key, touch; a held pointer pauses following), once the scroll has happened.
 */
export function useStickToBottom<T extends HTMLElement, C extends HTMLElement = HTMLElement>() {
  const ref = useRef<T>(null);
  const contentRef = useRef<C>(null);
  useEffect(() => {
    const el = ref.current;
    const inner = contentRef.current;
    if (!el || !inner) return;
    let stuck = true;
    let held = false;
    const check = () => {
      if (!held) stuck = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
    };
    // A user's scroll lands over the next frames (smooth scrolling): look again once it settles.
    const onIntent = () => {
      requestAnimationFrame(() => requestAnimationFrame(check));
      setTimeout(check, 300);
    };
    // While a pointer is down (dragging the scrollbar, selecting text) the box never moves.
    const onPointerDown = () => {
      held = true;
      stuck = false;
      addEventListener("pointerup", onPointerUp, { once: true });
    };
    const onPointerUp = () => {
      held = false;
      onIntent();
    };
    for (const type of USER_SCROLL_INTENTS) el.addEventListener(type, onIntent, { passive: true });
    el.addEventListener("pointerdown", onPointerDown, { passive: true });
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
      for (const type of USER_SCROLL_INTENTS) el.removeEventListener(type, onIntent);
      el.removeEventListener("pointerdown", onPointerDown);
      removeEventListener("pointerup", onPointerUp);
    };
  }, []);
  return { ref, contentRef };
}
