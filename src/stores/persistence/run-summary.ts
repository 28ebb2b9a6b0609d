import { isBaseMessage } from "../../core/index.ts";
import { sumUsage } from "../pricing.ts";
import type { RunRecord, RunSummary } from "./run-history-types.ts";

const PREVIEW_CHARS = 160;

/** The history line of a run: its bookkeeping and short previews, computed once on save. */
export function summarizeRun(run: RunRecord): RunSummary {
  const summary: RunSummary = {
    id: run.id,
    chainId: run.chainId,
    chainName: run.chainName,
    status: run.status,
    startedAt: run.startedAt,
    duration: run.duration,
    inputPreview: inputPreview(run.input),
    outputPreview: outputText(run.output).slice(0, PREVIEW_CHARS),
    eventCount: run.events.length,
  };
  if (run.error) summary.error = { name: run.error.name, message: run.error.message };
  // Each node's own usage counts once: a model node reports its total tokens at its end.
  const usage = sumUsage(Object.values(run.nodes).map((n) => n.usage));
  if (usage) summary.tokens = usage.total_tokens;
  return summary;
}

/**
 * The final output as one string: streamed text (and message contents) joined, or else the last
 * chunk as JSON (a JSON parser's chunks are successive partial objects: the last is the result).
 */
export function outputText(output: readonly unknown[]): string {
  if (output.length === 0) return "";
  if (output.every((c) => typeof c === "string" || isBaseMessage(c)))
    return output.map((c) => (typeof c === "string" ? c : (c as { content: string }).content)).join("");
  return oneLine(output[output.length - 1]);
}

/** `{ topic: "parrots" }` reads `topic: parrots`; anything else as compact JSON; on one line, `max` long. */
export function inputPreview(input: unknown, max = PREVIEW_CHARS): string {
  let text: string;
  if (input && typeof input === "object" && !Array.isArray(input)) {
    text = Object.entries(input)
      .map(([k, v]) => `${k}: ${typeof v === "string" ? v : oneLine(v)}`)
      .join(", ");
  } else text = typeof input === "string" ? input : oneLine(input);
  return text.replace(/\s+/g, " ").slice(0, max);
}

function oneLine(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
