import { useRef } from "react";

const STEP = 24;

/**
 * A horizontal splitter between the canvas and the run panels: drag it, or focus it and use the
 * arrow keys (WAI-ARIA window splitter pattern). `value` is the height of the panels below.
 */
export function ResizeHandle({
  value,
  min,
  max,
  onChange,
}: {
  value: number;
  min: number;
  max: number;
  onChange: (height: number) => void;
}) {
  const drag = useRef<{ y: number; start: number } | undefined>(undefined);
  const clamp = (h: number) => Math.min(max, Math.max(min, h));
  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize run panels"
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className="h-1.5 shrink-0 cursor-row-resize bg-slate-200 hover:bg-cyan-500 focus-visible:bg-cyan-600 focus-visible:outline-none dark:bg-slate-800"
      onPointerDown={(e) => {
        drag.current = { y: e.clientY, start: value };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (drag.current) onChange(clamp(drag.current.start + drag.current.y - e.clientY));
      }}
      onPointerUp={() => (drag.current = undefined)}
      onKeyDown={(e) => {
        if (e.key === "ArrowUp") onChange(clamp(value + STEP));
        else if (e.key === "ArrowDown") onChange(clamp(value - STEP));
        else return;
        e.preventDefault();
      }}
    />
  );
}
