import { EmptyNote, Panel } from "../Panel.tsx";
import { useRunSummary } from "../services.tsx";
import { Timeline } from "./timeline/Timeline.tsx";

/** The run as a trace on a shared time axis (see ./timeline/). */
export function TimelinePanel() {
  const hasEvents = useRunSummary((s) => s.eventCount > 0);
  // A new run starts with a fresh view: fit, nothing folded.
  const runNumber = useRunSummary((s) => s.runNumber);
  return (
    <Panel label="Timeline">
      {hasEvents ? (
        <Timeline key={runNumber} />
      ) : (
        <EmptyNote>Each run appears here on a shared time axis, with a tick per streamed chunk.</EmptyNote>
      )}
    </Panel>
  );
}
