import { reviveStoredValue, toStoredValue } from "../../core/index.ts";
import { type ChainDocument, stripSecrets } from "../../graph/index.ts";
import type { RunsBackend, WriteOp } from "./backend.ts";
import { PersistenceError, guard } from "./errors.ts";
import type { FinishedRunStatus, RunHistoryRepository, RunRecord, RunSummary } from "./run-history-types.ts";
import { summarizeRun } from "./run-summary.ts";

/** How many runs of each chain the history keeps; saving one more drops the oldest. */
export const RUNS_KEPT_PER_CHAIN = 50;

/**
 * Each run is two records in the `runs` store, both carrying `chainId` (so the chain's deletion
 * takes both): its summary under the run id, listed without loading anything else, and its body
 * (document, input, nodes, output, events) under `<id>#body`.
 */
const BODY_SUFFIX = "#body";
const bodyKey = (id: string) => id + BODY_SUFFIX;
const isSummaryKey = (key: string) => !key.endsWith(BODY_SUFFIX);

interface BodyRecord {
  id: string;
  chainId: string;
  summary: RunSummary;
  /** JSON text of `toStoredValue({ doc, input, nodes })`. */
  body: string;
  /** The events and the output chunks as JSON text, `SLICE` items a piece (see `saveSlices`). */
  events: string[];
  output: string[];
}

/**
 * Items per JSON piece. A long run has tens of thousands of events: turning them into JSON a slice at
 * a time, with a pause between slices, keeps each task short; and a few dozen strings cost
 * IndexedDB's structured clone next to nothing, where the same events as objects cost about a
 * second (measured: 80,000 events, 26 MB of JSON, 1 s as objects and 64 ms as 80 strings).
 */
const SLICE = 1000;

/**
 * A run id that sorts by time and works outside secure contexts (`getRandomValues`, not
 * `randomUUID`).
 */
export function newRunId(now: number = Date.now()): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(6));
  const random = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `run-${Math.max(0, Math.floor(now)).toString(36).padStart(9, "0")}-${random}`;
}

/**
 * The run history over a backend with the `chainId` index (IndexedDB in browsers, memory in
 * tests). Saving stores the run as plain JSON data and prunes the chain's runs to the newest
 * `keep` in the same transaction; reading revives messages and prompt values.
 *
 * @example
 * const history = createRunHistory(new IdbBackend(indexedDB));
 */
export function createRunHistory(
  backend: RunsBackend,
  options: { keep?: number } = {},
): RunHistoryRepository {
  const keep = options.keep ?? RUNS_KEPT_PER_CHAIN;
  return {
    save: (run, work = {}) =>
      guard(async () => {
        if (!run.id || run.id.includes("#") || !run.chainId)
          throw new PersistenceError("invalid", "a run needs an id without '#' and a chain id");
        const summary = summarizeRun(run);
        const body: BodyRecord = {
          id: run.id,
          chainId: run.chainId,
          summary,
          body: JSON.stringify(
            toStoredValue({ doc: stripSecrets(run.doc), input: run.input, nodes: run.nodes }),
          ),
          events: await toJsonSlices(run.events, work.pause),
          output: await toJsonSlices(run.output, work.pause),
        };
        await backend.updateRunsOf(run.chainId, isSummaryKey, (records) => {
          const others = records
            .map(asSummary)
            .filter((s): s is RunSummary => s !== undefined && s.id !== run.id);
          const dropped = [summary, ...others].sort(newestFirst).slice(keep);
          const ops: WriteOp[] = [
            { type: "put", store: "runs", key: run.id, value: summary },
            { type: "put", store: "runs", key: bodyKey(run.id), value: body },
          ];
          for (const old of dropped) {
            ops.push({ type: "delete", store: "runs", key: old.id });
            ops.push({ type: "delete", store: "runs", key: bodyKey(old.id) });
          }
          return ops;
        });
        return summary;
      }),

    list: (chainId) =>
      guard(async () =>
        (await backend.getRunsOf(chainId, isSummaryKey))
          .map(asSummary)
          .filter((s): s is RunSummary => s !== undefined)
          .sort(newestFirst),
      ),

    get: (id, work = {}) =>
      guard(async () => {
        const record = (await backend.get("runs", bodyKey(id))) as Partial<BodyRecord> | undefined;
        const summary = asSummary(record?.summary);
        if (!record || !summary) return undefined;
        const parts = typeof record.body === "string" ? reviveStoredValue(JSON.parse(record.body)) : {};
        return {
          ...summary,
          ...asBody(parts, summary),
          events: (await fromJsonSlices(record.events, work.pause)) as RunRecord["events"],
          output: await fromJsonSlices(record.output, work.pause),
        };
      }),

    delete: (id) =>
      guard(() =>
        backend.write([
          { type: "delete", store: "runs", key: id },
          { type: "delete", store: "runs", key: bodyKey(id) },
        ]),
      ),
  };
}

function newestFirst(a: RunSummary, b: RunSummary): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

const STATUSES = new Set<FinishedRunStatus>(["done", "error", "cancelled"]);

/** A stored value as a summary; `undefined` when it is not one (a foreign or damaged record). */
function asSummary(value: unknown): RunSummary | undefined {
  if (!isObject(value)) return undefined;
  const { id, chainId, status, startedAt } = value;
  if (typeof id !== "string" || typeof chainId !== "string" || typeof startedAt !== "number")
    return undefined;
  return {
    ...(value as unknown as RunSummary),
    chainName: typeof value.chainName === "string" ? value.chainName : "",
    status: STATUSES.has(status as FinishedRunStatus) ? (status as FinishedRunStatus) : "done",
    duration: typeof value.duration === "number" ? value.duration : 0,
    inputPreview: typeof value.inputPreview === "string" ? value.inputPreview : "",
    outputPreview: typeof value.outputPreview === "string" ? value.outputPreview : "",
    eventCount: typeof value.eventCount === "number" ? value.eventCount : 0,
  };
}

/** JSON pieces of `items`, `SLICE` at a time, pausing between pieces. */
async function toJsonSlices(items: readonly unknown[], pause: (() => Promise<void>) | undefined) {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) await pause?.();
    out.push(JSON.stringify(toStoredValue(items.slice(i, i + SLICE))));
  }
  return out;
}

/** The items back from `toJsonSlices`, revived; an unreadable piece is left out. */
async function fromJsonSlices(slices: unknown, pause: (() => Promise<void>) | undefined) {
  const out: unknown[] = [];
  if (!Array.isArray(slices)) return out;
  for (let i = 0; i < slices.length; i++) {
    if (i > 0) await pause?.();
    const items = typeof slices[i] === "string" ? reviveStoredValue(JSON.parse(slices[i] as string)) : [];
    if (Array.isArray(items)) out.push(...(items as unknown[]));
  }
  return out;
}

/** The revived document, input and nodes, with safe defaults for anything missing. */
function asBody(value: unknown, summary: RunSummary): Pick<RunRecord, "doc" | "input" | "nodes"> {
  const body = isObject(value) ? value : {};
  const doc = isObject(body.doc)
    ? (body.doc as unknown as ChainDocument)
    : { format: "sluice.chain" as const, version: 1 as const, name: summary.chainName, nodes: [], edges: [] };
  return {
    doc,
    input: body.input,
    nodes: (isObject(body.nodes) ? body.nodes : {}) as RunRecord["nodes"],
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
