import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { type TextTail, textTail } from "./text-tail.ts";

/**
 * The tail of a streamed text for a `BlockText`, pinned at its first block while the user reads or
 * selects (the box stopped following): the blocks under their eyes, and their selection, are not
 * dropped from the top as the stream grows. `version` changes whenever the text grows in place.
 */
export function usePinnedTail(
  text: string,
  boundaries: readonly number[],
  showBoundaries: boolean,
  version: unknown,
): { tail: TextTail; onFollowingChange: (following: boolean) => void } {
  const [pin, setPin] = useState<number>();
  const tail = useMemo(
    () => textTail(text, boundaries, { showBoundaries, fromBlock: pin }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- boundaries grows in place; version tracks it
    [text, boundaries, showBoundaries, pin, version],
  );
  const shown = useRef(tail);
  useLayoutEffect(() => {
    shown.current = tail;
  }, [tail]);
  const onFollowingChange = useCallback(
    (following: boolean) => setPin(following ? undefined : shown.current.blocks[0]?.key),
    [],
  );
  return { tail, onFollowingChange };
}
