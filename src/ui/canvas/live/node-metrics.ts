import type { NodeRun } from "../../../stores/index.ts";
import { formatCount } from "../../format-count.ts";

/** One figure under a node: a short value and a tooltip that says exactly what was measured. */
export interface Metric {
  key: "ttft" | "duration" | "chunks" | "tokens" | "rate";
  value: string;
  title: string;
}

/**
 * For runs recorded without `startedOnChunk`: below this, a node's first chunk came as it started,
 * so it started lazily, when its input's first chunk arrived (a parser after a model), and time from
 * its own start says nothing. A timing guess: a loaded machine took 7 ms once, hence the flag.
 */
export const LAZY_START_MS = 5;

/** A node's timing and volume; time figures are milliseconds since the run's start (NodeRun). */
export function nodeMetrics(run: NodeRun): Metric[] {
  const out: Metric[] = [];
  const { startedAt, firstChunkAt, endedAt } = run;
  if (firstChunkAt !== undefined && startedAt !== undefined) {
    const own = firstChunkAt - startedAt;
    out.push(
      (run.startedOnChunk ?? own < LAZY_START_MS)
        ? {
            key: "ttft",
            value: `1st token @ ${ms(firstChunkAt)}`,
            title:
              `First chunk ${ms(firstChunkAt)} after the run started. Measured from the run, not from ` +
              `this node: it started only when its input's first chunk arrived, so its own time to ` +
              `first token (${ms(own)}) says nothing.`,
          }
        : {
            key: "ttft",
            value: `TTFT ${ms(own)}`,
            title: `Time to first token: ${ms(own)} from this node's start to its first chunk.`,
          },
    );
  }
  if (endedAt !== undefined && startedAt !== undefined) {
    out.push({
      key: "duration",
      value: ms(endedAt - startedAt),
      title: "From this node's start to its end.",
    });
  }
  if (run.chunks > 0) {
    out.push({
      key: "chunks",
      value: `${formatCount(run.chunks)} chunk${run.chunks === 1 ? "" : "s"}`,
      title: "Chunks this node streamed.",
    });
  }
  if (run.usage) {
    const { input_tokens: input, output_tokens: output } = run.usage;
    out.push({
      key: "tokens",
      value: `${formatCount(input)} → ${formatCount(output)} tok`,
      title: `Tokens reported by the model: ${input} in (prompt), ${output} out (answer).`,
    });
    const streaming = endedAt !== undefined && firstChunkAt !== undefined ? endedAt - firstChunkAt : 0;
    if (streaming > 0 && output > 0) {
      out.push({
        key: "rate",
        value: `${formatCount(Math.round((output * 1000) / streaming))} tok/s`,
        title: "Output tokens per second, from the first chunk to the end.",
      });
    }
  }
  return out;
}

/** Milliseconds as a person reads them. */
export function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`;
}
