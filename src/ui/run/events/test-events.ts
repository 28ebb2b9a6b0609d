// Hand-made events for the unit tests of the events panel's logic.
import type { EventName, StreamEvent } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";

export function timed(
  event: EventName,
  name: string,
  data: Record<string, unknown> = {},
  opts: { t?: number; nodeId?: string; tags?: string[] } = {},
): TimedEvent {
  const streamEvent = {
    event,
    name,
    run_id: `run-${name}`,
    parent_ids: [],
    tags: opts.tags ?? [],
    metadata: opts.nodeId === undefined ? {} : { node_id: opts.nodeId },
    data,
  } as StreamEvent;
  return { t: opts.t ?? 0, event: streamEvent, nodeId: opts.nodeId };
}
