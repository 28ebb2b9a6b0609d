import { useCallback, useLayoutEffect, useRef } from "react";

/** Within this many pixels of the bottom counts as "at the bottom". */
const SLACK_PX = 8;

/**
 * Keeps a scroll box at its bottom while its content grows, unless the user scrolled up to read:
 * then it stays put until they scroll back down. `content` is what grows (compared by identity).
 */
export function useStickToBottom<T extends HTMLElement>(content: unknown) {
  const ref = useRef<T>(null);
  const stuck = useRef(true);
  const onScroll = useCallback(() => {
    const el = ref.current;
    if (el) stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  }, [content]);
  return { ref, onScroll };
}
