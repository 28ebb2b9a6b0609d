import { createPortal } from "react-dom";
import { Dialog } from "../../Dialog.tsx";
import { CopyButton } from "./CopyButton.tsx";
import { formatCount } from "../../format-count.ts";

/**
 * The whole of a long output, drawn once when asked for (a snapshot: a stream still running goes
 * on growing in the live view). Portalled out of the canvas so the node's transform, drag and
 * key handling stay out of it.
 */
export function FullTextDialog({
  title,
  text,
  onClose,
}: {
  title: string;
  text: string;
  onClose: () => void;
}) {
  return createPortal(
    // Keys typed here must not reach the canvas (Backspace there deletes the selected nodes).
    <div onKeyDown={(e) => e.stopPropagation()} onClick={(e) => e.stopPropagation()}>
      <Dialog title={title} wide open onClose={onClose} actions={<CopyButton getText={() => text} />}>
        <p className="mb-2 text-xs text-slate-500">{formatCount(text.length)} characters</p>
        <pre className="font-mono text-xs whitespace-pre-wrap">{text}</pre>
      </Dialog>
    </div>,
    document.body,
  );
}
