import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { TAIL_CHARS, type TextTail, latestBlock, textTail } from "./text-tail.ts";

/**
 * The tail of a streamed text for a `BlockText`, pinned at its first block while the user reads or
 * selects (the box stopped following): the blocks under their eyes, and their selection, are not
 * dropped from the top as the stream grows. `version` changes whenever the text grows in place.
 *
 * While following it draws the last `followChars` characters; pinning starts the tail up to
 * TAIL_CHARS back, so a small box that draws little while streaming still has that much to scroll
 * up through (the blocks added above the view leave it where it is: the browser's scroll anchoring).
 */
export function usePinnedTail(
  text: string,
  boundaries: readonly number[],
  showBoundaries: boolean,
  version: unknown,
  followChars: number = TAIL_CHARS,
): { tail: TextTail; onFollowingChange: (following: boolean) => void } {
  const [pin, setPin] = useState<number>();
  const tail = useMemo(
    () =>
      pin === undefined
        ? textTail(text, boundaries, { showBoundaries, maxChars: followChars })
        : textTail(text, boundaries, { showBoundaries, fromBlock: pin }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- boundaries grows in place; version tracks it
    [text, boundaries, showBoundaries, pin, version, followChars],
  );
  const shown = useRef(tail);
  useLayoutEffect(() => {
    shown.current = tail;
  }, [tail]);
  const onFollowingChange = useCallback((following: boolean) => {
    const { blocks, total } = shown.current;
    const first = blocks[0]?.key;
    setPin(following || first === undefined ? undefined : Math.min(first, latestBlock(total, TAIL_CHARS)));
  }, []);
  return { tail, onFollowingChange };
}
