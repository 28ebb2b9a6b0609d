import { useCallback, useDeferredValue, useMemo, useState } from "react";
import type { EventFilters } from "../../core/index.ts";
import { displayName } from "../../graph/index.ts";
import { formatCount } from "../format-count.ts";
import { fileNameFor, downloadText } from "../io/download.ts";
import { EmptyNote } from "../Panel.tsx";
import { useDocument, useRunSummary, useRunView, useServices } from "../services.tsx";
import { ActiveFilters } from "./events/ActiveFilters.tsx";
import { EventDetail } from "./events/EventDetail.tsx";
import { EventList } from "./events/EventList.tsx";
import { FilterMenu } from "./events/FilterMenu.tsx";
import { type EventQuery, isUnfiltered } from "./events/event-query.ts";
import { eventsToNdjson } from "./events/ndjson.ts";
import { useEventList, useFacetChoices } from "./events/use-event-list.ts";

const toolButton =
  "inline-flex shrink-0 items-center gap-1 rounded-md border border-slate-300 bg-white px-2 text-xs font-medium text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-cyan-500 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-45 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";

/**
 * Every event of the run: virtualised, filtered like `streamEvents` (plus free text and the
 * canvas's node selection), linked to the canvas and the timeline, with the full JSON of the
 * selected event and an NDJSON download.
 */
export function EventsPanel() {
  const { documents, runView } = useServices();
  const [filters, setFilters] = useState<EventFilters>({});
  const [search, setSearch] = useState("");
  // Typing stays responsive on a long run: the list catches up with the text a moment later.
  const deferredSearch = useDeferredValue(search);
  const nodeIds = useDocument((s) => s.selection.nodes);
  const docNodes = useDocument((s) => s.doc.nodes);
  const chainName = useDocument((s) => s.doc.name);
  const runNumber = useRunSummary((s) => s.runNumber);
  const selected = useRunView((s) => s.selectedEvent);

  const query = useMemo<EventQuery>(
    () => ({ filters, search: deferredSearch, nodeIds }),
    [filters, deferredSearch, nodeIds],
  );
  const list = useEventList(query);
  const choices = useFacetChoices();
  const nodeNames = useMemo(() => new Map(docNodes.map((n) => [n.id, displayName(n)])), [docNodes]);
  const filtered = !isUnfiltered(query);
  const selectedEvent = selected === undefined ? undefined : list.events[selected];

  const select = useCallback(
    (index: number | undefined) =>
      runView.getState().selectEvent(index, index === undefined ? undefined : list.events[index]?.nodeId),
    [runView, list.events],
  );
  const download = () => {
    const text = eventsToNdjson(list.events, list.count, filtered ? list.indices : undefined);
    const what = `${chainName ?? "chain"} run ${runNumber} events${filtered ? " filtered" : ""}`;
    downloadText(fileNameFor(what, "ndjson"), text, "application/x-ndjson");
  };

  return (
    <section aria-label="Events" className="flex min-h-0 min-w-0 flex-col bg-white dark:bg-slate-900">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1 dark:border-slate-800">
        <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
          Events
        </h2>
        <span className="ml-auto text-[11px] text-slate-500 tabular-nums dark:text-slate-400">
          {filtered
            ? `${formatCount(list.shown)} of ${formatCount(list.count)} events`
            : `${formatCount(list.count)} events`}
        </span>
        <button type="button" className={`${toolButton} h-6`} disabled={list.count === 0} onClick={download}>
          Download NDJSON ({filtered ? `${formatCount(list.shown)} shown` : "all"})
        </button>
      </div>
      <div className="relative flex items-center gap-2 border-b border-slate-200 px-3 py-1 dark:border-slate-800">
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search events"
          placeholder="Search name, run, data…"
          className="h-7 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 text-xs text-slate-800 placeholder:text-slate-400 focus-visible:ring-2 focus-visible:ring-cyan-500 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
        />
        <FilterMenu
          choices={choices}
          filters={filters}
          onChange={setFilters}
          buttonClassName={`${toolButton} h-7`}
        />
      </div>
      <ActiveFilters
        nodeNames={nodeIds.map((id) => nodeNames.get(id) ?? id)}
        onClearNodes={() => documents.getState().select({ nodes: [], edges: [] })}
        filters={filters}
        onChange={setFilters}
      />
      {list.count === 0 ? (
        <div className="p-3 text-sm">
          <EmptyNote>Every streamed event, filterable.</EmptyNote>
        </div>
      ) : list.shown === 0 ? (
        <div className="p-3 text-sm">
          <EmptyNote>No event matches the filters.</EmptyNote>
        </div>
      ) : (
        <EventList
          key={runNumber}
          events={list.events}
          indices={list.indices}
          shown={list.shown}
          selected={selected}
          nodeNames={nodeNames}
          onSelect={select}
        />
      )}
      {selectedEvent && selected !== undefined && (
        <EventDetail timed={selectedEvent} index={selected} onClose={() => select(undefined)} />
      )}
    </section>
  );
}
