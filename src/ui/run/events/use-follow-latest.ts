import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { followAfterScroll } from "./follow.ts";

/**
 * Keeps a growing list scrolled to its end until the user scrolls up.
 *
 * The scroll happens in a ResizeObserver callback on the list's content: those run right after
 * the browser's own layout, so setting `scrollTop` there costs nothing and lands in the same
 * frame. Setting it anywhere else (a layout effect, a frame callback) forces a synchronous layout
 * of everything other views changed, once per frame during a fast stream (measured in
 * docs/run.md#events).
 */
export function useFollowLatest(
  scroller: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
  sizes: () => { content: number; viewport: number },
  slack: number,
) {
  const [following, setFollowing] = useState(true);
  const followingNow = useRef(following);
  const lastTop = useRef(0);

  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (followingNow.current) el.scrollTop = el.scrollHeight;
    });
    // The content grows with each event; the viewport shrinks when the detail opens.
    observer.observe(inner);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller, content]);

  const onScroll = (top: number) => {
    const { content: contentHeight, viewport } = sizes();
    const next = followAfterScroll({
      top,
      lastTop: lastTop.current,
      contentHeight,
      viewportHeight: viewport,
      following: followingNow.current,
      slack,
    });
    lastTop.current = top;
    // Most scroll events change nothing; skip the setState (React may render for an unchanged value).
    if (next === followingNow.current) return;
    followingNow.current = next;
    setFollowing(next);
  };

  const jumpToLatest = () => {
    followingNow.current = true;
    setFollowing(true);
    const el = scroller.current;
    el?.scrollTo({ top: el.scrollHeight });
  };

  /** Stops following (the user selected an event to look at). */
  const pause = useCallback(() => {
    followingNow.current = false;
    setFollowing(false);
  }, []);

  return { following, onScroll, jumpToLatest, pause };
}
