import type { TextTail } from "./text-tail.ts";
import { FOLLOWING_BOX, useStickToBottom } from "./use-stick-to-bottom.ts";

/**
 * Strict containment: the box's size never depends on its text, so a new token lays out this box
 * alone, never the node, the canvas or the panel grid around it (callers give it a definite size).
 *
 * A streamed text's tail in a scroll box that follows the stream. Only the last block's DOM changes
 * while the text grows, so a selection in the others survives. Blocks are inline: a block edge may
 * fall inside a line, and a block box there would break the line in two (it did, mid-word).
 */
export function BlockText({
  tail,
  label,
  className,
  onFollowingChange,
}: {
  tail: TextTail;
  label: string;
  className: string;
  /** The user stopped (false) or resumed (true) following: pin the tail's start meanwhile. */
  onFollowingChange?: (following: boolean) => void;
}) {
  const { ref } = useStickToBottom<HTMLPreElement>(onFollowingChange);
  return (
    <pre
      ref={ref}
      aria-label={label}
      tabIndex={0}
      className={`nowheel nodrag cursor-text overflow-auto [contain:strict] ${FOLLOWING_BOX} font-mono whitespace-pre-wrap select-text focus-visible:outline-2 focus-visible:outline-cyan-600 ${className}`}
    >
      <span className="block shrink-0">
        {tail.blocks.map((b) => (
          <span key={b.key}>{b.text}</span>
        ))}
      </span>
    </pre>
  );
}
