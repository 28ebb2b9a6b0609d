import { isBaseMessage } from "../../../core/index.ts";

/**
 * The chain's output so far, cached incrementally: each update reads only the chunks that arrived
 * since the last one, so a 100k-chunk stream never costs a `join` of everything per frame.
 * Text chunks (strings, message contents) add up to `text` with `boundaries` after each; any other
 * chunk makes the output a list of values (a JSON parser's partial objects).
 */
export class StreamAccumulator {
  private source: readonly unknown[] | undefined;
  private seen = 0;
  text = "";
  boundaries: number[] = [];
  /** True while every chunk so far was text. */
  textual = true;

  /** Brings the cache up to the first `count` chunks of `output` (a new array means a new run). */
  update(output: readonly unknown[], count: number): this {
    if (output !== this.source || count < this.seen) {
      this.source = output;
      this.seen = 0;
      this.text = "";
      this.boundaries = [];
      this.textual = true;
    }
    for (let i = this.seen; i < count && this.textual; i++) {
      const chunk = output[i];
      const piece = typeof chunk === "string" ? chunk : isBaseMessage(chunk) ? chunk.content : undefined;
      if (piece === undefined) {
        this.textual = false;
        this.text = "";
        this.boundaries = [];
      } else {
        this.text += piece;
        this.boundaries.push(this.text.length);
      }
    }
    this.seen = count;
    return this;
  }
}

// One cache per run's output array (a new run has a new array), shared by every view of it and
// dropped with the array.
const byOutput = new WeakMap<readonly unknown[], StreamAccumulator>();

/** The output's first `count` chunks, accumulated: costs only the chunks new since the last call. */
export function accumulatedOutput(output: readonly unknown[], count: number): StreamAccumulator {
  let acc = byOutput.get(output);
  if (!acc) byOutput.set(output, (acc = new StreamAccumulator()));
  return acc.update(output, count);
}
