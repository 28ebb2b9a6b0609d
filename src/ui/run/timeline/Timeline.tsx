import { type KeyboardEvent, useCallback, useId, useMemo, useState, useSyncExternalStore } from "react";
import { type ChainNode, displayName } from "../../../graph/index.ts";
import { EmptyNote } from "../../Panel.tsx";
import { useDocument, useRunSummary, useRunSummaryStore, useRunView, useServices } from "../../services.tsx";
import { BOUNDARY_BOX, BoundarySlot } from "../../LayoutIsland.tsx";
import { fixedWindow } from "../events/use-fixed-rows.ts";
import { axisTicks } from "./axis.ts";
import { AXIS_HEIGHT, BAR_PAD, NAME_WIDTH, ROW_HEIGHT, rowDomId } from "./layout.ts";
import { runColour } from "./run-colours.ts";
import { rowDescription, rowLabel } from "./row-label.ts";
import { shownOutcome } from "./row-state.ts";
import { GridLines, TimeAxis } from "./TimeAxis.tsx";
import { TimelineTooltip } from "./TimelineTooltip.tsx";
import { FilterNote, TimelineToolbar } from "./TimelineToolbar.tsx";
import { TraceModel } from "./trace-model.ts";
import type { TraceRun } from "./trace.ts";
import { TraceRow } from "./TraceRow.tsx";
import { treeKeyAction } from "./tree-keys.ts";
import { useBarsPointer } from "./use-bars-pointer.ts";
import { useElementSize } from "./use-element-size.ts";
import { useScrollRowIntoView } from "./use-scroll-row.ts";
import { ancestorIds, visibleRows } from "./visible-rows.ts";
import { type TimeRange, ZOOM_STEP, clampRange, coversAll, fitRange, panBy, reveal, zoomAt } from "./zoom.ts";

const WIDTH_FALLBACK = { width: 600, height: 0 };
const HEIGHT_FALLBACK = { width: 0, height: 240 };
/** Share of the visible span one Shift+Arrow pans. */
const KEY_PAN = 0.2;
/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN = 6;

/**
 * The run as a trace: a row per run nested under its parent, bars on a shared, zoomable time axis,
 * a tick per streamed chunk. Linked both ways: canvas selection filters the rows, selecting a bar
 * or tick selects its event in the run view (which highlights the node and the events list).
 */
export function Timeline() {
  const { runView, documents } = useServices();
  const runSummary = useRunSummaryStore();
  const model = useMemo(() => new TraceModel(runSummary), [runSummary]);
  const { trace } = useSyncExternalStore(model.subscribe, model.getSnapshot);
  const status = useRunSummary((s) => s.status);
  const startedAt = useRunSummary((s) => s.startedAt);
  const endedAt = useRunSummary((s) => s.endedAt);
  const events = useRunSummary((s) => s.events);
  const selectedEvent = useRunView((s) => s.selectedEvent);
  const docNodes = useDocument((s) => s.doc.nodes);
  const selectedNodes = useDocument((s) => s.selection.nodes);
  const nodesById = useMemo(() => new Map<string, ChainNode>(docNodes.map((n) => [n.id, n])), [docNodes]);
  const filter = useMemo(
    () => (selectedNodes.length > 0 ? new Set(selectedNodes) : undefined),
    [selectedNodes],
  );

  // While running, "now" is the latest event; once over, the run's own end.
  const finished = status !== "running" && startedAt !== undefined && endedAt !== undefined;
  const duration = finished ? Math.max(trace.lastTime, endedAt - startedAt) : trace.lastTime;
  const limits = useMemo(() => fitRange(duration), [duration]);
  // null means "fit": the view follows the run as it grows, until the user zooms or pans.
  const [view, setView] = useState<TimeRange | null>(null);
  // Kept by value: while zoomed, `limits` grows with every update but the range stays put, and a
  // new object would redraw every (memoised) row and the axis for nothing.
  const { start: rangeStart, end: rangeEnd } = view ? clampRange(view, limits) : limits;
  const range = useMemo(() => ({ start: rangeStart, end: rangeEnd }), [rangeStart, rangeEnd]);
  const applyView = useCallback(
    (next: TimeRange) => setView(coversAll(next, limits) ? null : next),
    [limits],
  );

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [scrollTop, setScrollTop] = useState(0);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const [bars, setBars] = useState<HTMLDivElement | null>(null);
  const { width } = useElementSize(bars, WIDTH_FALLBACK);
  const { height } = useElementSize(scroller, HEIGHT_FALLBACK);
  const idPrefix = useId();

  const selected = selectedEvent === undefined ? undefined : events[selectedEvent];
  const selectedRun = selected ? trace.runs.get(selected.event.run_id) : undefined;
  const selectedTick = selected?.event.event.endsWith("_stream") ? selected.t : undefined;

  // A selection made elsewhere (the events list) is revealed: parents unfolded, time range moved.
  const [revealedFor, setRevealedFor] = useState(selectedEvent);
  if (revealedFor !== selectedEvent) {
    setRevealedFor(selectedEvent);
    if (selectedRun && selected) {
      const hidden = ancestorIds(selectedRun).filter((id) => collapsed.has(id));
      if (hidden.length > 0) setCollapsed(new Set([...collapsed].filter((id) => !hidden.includes(id))));
      setActiveId(selectedRun.id);
      if (view) applyView(reveal(view, selected.t, limits));
    }
  }

  const rows = visibleRows(trace.roots, { collapsed, nodes: filter });
  const activeIndex = rows.findIndex((r) => r.run.id === activeId);
  useScrollRowIntoView(scroller, activeId, activeIndex, AXIS_HEIGHT, ROW_HEIGHT);
  // The offset is clamped, so rows that shrink (a fold, a filter) show at once, not after a scroll.
  const { start: first, end: last } = fixedWindow({
    scrollTop,
    viewport: Math.max(0, height - AXIS_HEIGHT),
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
  });

  const select = (target: TraceRun, tick?: number) => {
    const index = tick === undefined ? target.startIndex : target.tickIndexes[tick];
    if (index === undefined) return;
    // Our own click: the row is in view already, so it must not be "revealed" (moved).
    setRevealedFor(index);
    setActiveId(target.id);
    runView.getState().selectEvent(index, target.nodeId);
  };
  const toggle = useCallback((id: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  const inner = Math.max(1, width - 2 * BAR_PAD);
  const pointer = useBarsPointer({ scroller, bars, trace, range, limits, inner, applyView, select });

  const center = (range.start + range.end) / 2;
  const zoomIn = () => applyView(zoomAt(range, 1 / ZOOM_STEP, center, limits));
  const zoomOut = () => applyView(zoomAt(range, ZOOM_STEP, center, limits));
  const fit = () => setView(null);

  const onZoomKeys = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "+" || e.key === "=") zoomIn();
    else if (e.key === "-" || e.key === "_" || e.key === "−") zoomOut();
    else if (e.key === "0") fit();
    else return;
    e.preventDefault();
  };
  const onTreeKeys = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const action = treeKeyAction(rows, activeIndex, e.key, e.shiftKey);
    if (!action) return;
    e.preventDefault();
    if (action.kind === "focus") setActiveId(rows[action.index]?.run.id);
    else if (action.kind === "select") {
      const row = rows[action.index];
      if (row) select(row.run);
    } else if (action.kind === "pan")
      applyView(panBy(range, action.direction * KEY_PAN * (range.end - range.start), limits));
    else if (action.kind === "expand" || action.kind === "collapse") toggle(action.id);
  };

  const ticks = useMemo(() => axisTicks(range, Math.max(2, Math.floor(inner / 70))), [range, inner]);
  const hovered = pointer.hover ? trace.runs.get(pointer.hover.runId) : undefined;
  const selectedNames = filter ? [...filter].map((id) => nodeName(nodesById.get(id), id)) : [];
  const hoveredLabel = hovered && rowLabel(hovered, nodesById);
  const hoveredShown = hovered && shownOutcome(hovered, status, trace.lastTime, duration);

  return (
    <div className="flex h-full min-h-0 flex-col" onKeyDown={onZoomKeys}>
      <TimelineToolbar
        range={range}
        fit={view === null}
        onZoomIn={zoomIn}
        onZoomOut={zoomOut}
        onFit={fit}
        filter={
          filter && (
            <FilterNote
              names={selectedNames}
              onClear={() => documents.getState().select({ nodes: [], edges: [] })}
            />
          )
        }
      />
      {/* A relayout boundary: an update lays out the trace alone, not the whole document. */}
      <BoundarySlot className="min-h-0 flex-1">
        <div
          ref={setScroller}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          className={`${BOUNDARY_BOX} overflow-x-hidden overflow-y-auto rounded border border-slate-200 dark:border-slate-700`}
        >
          <TimeAxis ticks={ticks} range={range} width={width} barsRef={setBars} />
          {rows.length === 0 ? (
            <div className="p-2" style={{ marginLeft: NAME_WIDTH }}>
              <EmptyNote>No runs of the selected nodes yet.</EmptyNote>
            </div>
          ) : (
            <div
              role="tree"
              aria-label="Runs"
              tabIndex={0}
              aria-activedescendant={activeId && activeIndex >= 0 ? rowDomId(idPrefix, activeId) : undefined}
              onKeyDown={onTreeKeys}
              onFocus={() => {
                // The top row in view, so focusing (a click too) never scrolls the rows away.
                if (activeIndex < 0)
                  setActiveId(rows[Math.min(rows.length - 1, Math.ceil(scrollTop / ROW_HEIGHT))]?.run.id);
              }}
              {...pointer.handlers}
              className="group relative cursor-default outline-none select-none"
              style={{ height: rows.length * ROW_HEIGHT }}
            >
              <GridLines ticks={ticks} range={range} width={width} />
              {rows.slice(first, last).map((row, i) => {
                const r = row.run;
                const { outcome, end } = shownOutcome(r, status, trace.lastTime, duration);
                const { label, nodeType } = rowLabel(r, nodesById);
                return (
                  <TraceRow
                    key={r.id}
                    domId={rowDomId(idPrefix, r.id)}
                    runId={r.id}
                    label={label}
                    description={rowDescription(r, outcome, end)}
                    depth={row.depth}
                    hasChildren={row.hasChildren}
                    expanded={row.expanded}
                    selected={r === selectedRun}
                    active={r.id === activeId}
                    colour={runColour(r.type, nodeType)}
                    outcome={outcome}
                    start={r.start}
                    end={end}
                    ticks={r.ticks}
                    tickCount={r.ticks.length}
                    selectedTick={r === selectedRun ? selectedTick : undefined}
                    range={range}
                    width={width}
                    top={(first + i) * ROW_HEIGHT}
                    onToggle={toggle}
                  />
                );
              })}
            </div>
          )}
        </div>
      </BoundarySlot>
      {pointer.hover && hovered && hoveredLabel && hoveredShown && (
        <TimelineTooltip
          run={hovered}
          label={hoveredLabel.label}
          kind={hoveredLabel.kind}
          outcome={hoveredShown.outcome}
          end={hoveredShown.end}
          tick={
            pointer.hover.tick === undefined
              ? undefined
              : events[hovered.tickIndexes[pointer.hover.tick] ?? -1]
          }
          x={pointer.hover.x}
          y={pointer.hover.y}
        />
      )}
    </div>
  );
}

function nodeName(node: ChainNode | undefined, id: string): string {
  return node ? displayName(node) : id;
}
