import type { TextTail } from "./text-tail.ts";
import { useStickToBottom } from "./use-stick-to-bottom.ts";

/**
 * Strict containment: the box's size never depends on its text, so a new token lays out this box
 * alone, never the node, the canvas or the panel grid around it (callers give it a definite size).
 *
 * A streamed text's tail in a scroll box that follows the stream. Each block is its own box, so
 * only the last one's DOM and layout change while the text grows (selection elsewhere survives).
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
  const { ref, contentRef } = useStickToBottom<HTMLPreElement, HTMLSpanElement>(onFollowingChange);
  return (
    <pre
      ref={ref}
      aria-label={label}
      tabIndex={0}
      className={`nowheel nodrag cursor-text overflow-auto [contain:strict] font-mono whitespace-pre-wrap select-text focus-visible:outline-2 focus-visible:outline-cyan-600 ${className}`}
    >
      <span ref={contentRef} className="block">
        {tail.blocks.map((b) => (
          <span key={b.key} className="block">
            {b.text}
          </span>
        ))}
      </span>
    </pre>
  );
}
