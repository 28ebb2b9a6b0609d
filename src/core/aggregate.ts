import { AIMessageChunk } from "./messages/ai.ts";

/**
 * How a stream of chunks adds up to one value (a step's final output, or the gathered input of a
 * step that needs its whole input). SEMANTICS.md: strings and message chunks concatenate, a JSON
 * parser's value is its last one, keyed chunks of a parallel map merge per key.
 */
// Method syntax makes the parameters bivariant, so a Runnable<I, O> is usable as a Runnable.
export type Aggregator<T> = { bivarianceHack(acc: T | undefined, chunk: T): T }["bivarianceHack"];

/** The default: concatenation where it is meaningful, else the newest value. */
export const concatAggregator: Aggregator<unknown> = (acc, chunk) => {
  if (acc === undefined) return chunk;
  if (typeof acc === "string" && typeof chunk === "string") return acc + chunk;
  if (acc instanceof AIMessageChunk && chunk instanceof AIMessageChunk) return acc.concat(chunk);
  return chunk;
};

export const lastValueAggregator: Aggregator<unknown> = (_acc, chunk) => chunk;

/** Parallel maps stream single-key objects; each key adds up with its own branch's aggregator. */
export function keyedAggregator(perKey: Record<string, Aggregator<unknown>>): Aggregator<unknown> {
  return (acc, chunk) => {
    const out: Record<string, unknown> = { ...(acc as Record<string, unknown> | undefined) };
    for (const [key, value] of Object.entries(chunk as Record<string, unknown>)) {
      const agg = perKey[key] ?? concatAggregator;
      out[key] = agg(out[key], value);
    }
    return out;
  };
}

/** Adds up a whole stream. */
export async function gather<T>(stream: AsyncIterable<T>, aggregate: Aggregator<T>): Promise<T> {
  let acc: T | undefined;
  let seen = false;
  for await (const chunk of stream) {
    acc = seen ? aggregate(acc, chunk) : chunk;
    seen = true;
  }
  if (!seen) throw new Error("The input stream ended without a value.");
  return acc as T;
}
