/** Test helpers for the framing tests: bytes cut at given offsets, decoded by the real Attempt.text. */
import { Attempt } from "./attempt.ts";
import { resolveRuntime } from "./runtime.ts";
import type { Frame } from "./sse.ts";

/** A body stream that delivers `bytes` cut at the given offsets, one read per piece. */
export function bodyOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    pieces.push(bytes.slice(last, p));
    last = p;
  }
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

/** Runs `frames` over the text the production decoder makes of `body` cut at `cuts`. */
export async function framesOf(
  body: string | Uint8Array,
  cuts: number[],
  frames: (texts: AsyncIterable<string>) => AsyncGenerator<Frame>,
): Promise<Frame[]> {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const attempt = new Attempt(
    resolveRuntime({}),
    { provider: "openai", model: "m", baseUrl: "http://x", hasKey: false },
    undefined,
  );
  const out: Frame[] = [];
  try {
    for await (const f of frames(attempt.text(bodyOf(bytes, cuts)))) out.push(f);
  } finally {
    attempt.dispose();
  }
  return out;
}
