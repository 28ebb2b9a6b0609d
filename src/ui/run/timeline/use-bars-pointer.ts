import { type MouseEvent, type PointerEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { BAR_PAD, DRAG_PX, TICK_HIT_PX } from "./layout.ts";
import { nearestTick } from "./ticks.ts";
import type { TraceBuilder, TraceRun } from "./trace.ts";
import { type TimeRange, coversAll, panBy, wheelZoomFactor, xToTime, zoomAt } from "./zoom.ts";

export interface Hover {
  runId: string;
  /** Index into the run's ticks when the pointer is on one. */
  tick: number | undefined;
  /** Pointer position in the viewport, for the tooltip. */
  x: number;
  y: number;
}

interface Options {
  scroller: HTMLElement | null;
  bars: HTMLElement | null;
  trace: TraceBuilder;
  range: TimeRange;
  limits: TimeRange;
  /** Drawable width of the bars, in px. */
  inner: number;
  applyView: (range: TimeRange) => void;
  select: (run: TraceRun, tick?: number) => void;
}

interface Drag {
  x: number;
  range: TimeRange;
  pointerId: number;
  dragging: boolean;
}

/**
 * The mouse on the bars: hover (tooltip), click (select a bar's start or a tick's event), drag
 * (pan), wheel (pan when zoomed in; Ctrl/Cmd or pinch zooms around the pointer). Over the names
 * column the wheel scrolls the rows as usual.
 */
export function useBarsPointer(o: Options) {
  const [hover, setHover] = useState<Hover | undefined>(undefined);
  const drag = useRef<Drag | undefined>(undefined);
  const suppressClick = useRef(false);
  // The wheel listener is native (React's is passive and cannot prevent scrolling): it reads
  // the latest view from here.
  const latest = useRef(o);
  useLayoutEffect(() => {
    latest.current = o;
  });

  const { scroller } = o;
  useEffect(() => {
    if (!scroller) return;
    const onWheel = (e: WheelEvent) => {
      const { bars, range, limits, inner, applyView } = latest.current;
      const left = bars?.getBoundingClientRect().left ?? 0;
      if (e.clientX < left) return;
      const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const span = range.end - range.start;
      if (e.ctrlKey || e.metaKey) {
        // Trackpad pinches arrive as Ctrl+wheel too.
        e.preventDefault();
        const anchor = xToTime(e.clientX - left - BAR_PAD, range, inner);
        applyView(zoomAt(range, wheelZoomFactor(e.deltaY * scale), anchor, limits));
        return;
      }
      if (coversAll(range, limits)) return; // Nothing to pan: let the rows scroll.
      const horizontal = Math.abs(e.deltaX) > Math.abs(e.deltaY);
      const delta = (horizontal ? e.deltaX : e.deltaY) * scale;
      if (delta === 0) return;
      e.preventDefault();
      applyView(panBy(range, (delta / inner) * span, limits));
    };
    scroller.addEventListener("wheel", onWheel, { passive: false });
    return () => scroller.removeEventListener("wheel", onWheel);
  }, [scroller]);

  const hitAt = (target: EventTarget, clientX: number) => {
    const rowEl = target instanceof Element ? target.closest<HTMLElement>("[data-run]") : null;
    const run = rowEl?.dataset.run === undefined ? undefined : o.trace.runs.get(rowEl.dataset.run);
    const barsEl = rowEl?.querySelector("[data-bars]");
    if (!run || !barsEl) return undefined;
    const left = barsEl.getBoundingClientRect().left;
    if (clientX < left) return { run, tick: undefined, onBars: false };
    const t = xToTime(clientX - left - BAR_PAD, o.range, o.inner);
    const tolerance = (TICK_HIT_PX / o.inner) * (o.range.end - o.range.start);
    return { run, tick: nearestTick(run.ticks, t, tolerance), onBars: true };
  };

  const handlers = {
    onPointerDown(e: PointerEvent<HTMLElement>) {
      suppressClick.current = false;
      if (e.button !== 0 || !(e.target instanceof Element) || !e.target.closest("[data-bars]")) return;
      drag.current = { x: e.clientX, range: o.range, pointerId: e.pointerId, dragging: false };
    },
    onPointerMove(e: PointerEvent<HTMLElement>) {
      const d = drag.current;
      if (d) {
        const dx = e.clientX - d.x;
        if (!d.dragging && Math.abs(dx) > DRAG_PX) {
          d.dragging = true;
          e.currentTarget.setPointerCapture(d.pointerId);
          setHover(undefined);
        }
        if (d.dragging) {
          o.applyView(panBy(d.range, (-dx / o.inner) * (d.range.end - d.range.start), o.limits));
          return;
        }
      }
      const hit = hitAt(e.target, e.clientX);
      setHover(hit?.onBars ? { runId: hit.run.id, tick: hit.tick, x: e.clientX, y: e.clientY } : undefined);
    },
    onPointerUp(e: PointerEvent<HTMLElement>) {
      const d = drag.current;
      drag.current = undefined;
      if (!d?.dragging) return;
      suppressClick.current = true;
      if (e.currentTarget.hasPointerCapture(d.pointerId)) e.currentTarget.releasePointerCapture(d.pointerId);
    },
    onPointerLeave() {
      if (!drag.current?.dragging) setHover(undefined);
    },
    onClick(e: MouseEvent<HTMLElement>) {
      if (suppressClick.current) {
        suppressClick.current = false;
        return;
      }
      const hit = hitAt(e.target, e.clientX);
      if (hit) o.select(hit.run, hit.tick);
    },
  };
  return { hover, handlers };
}
