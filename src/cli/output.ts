import type { Writable } from "node:stream";

/**
 * Replaces every occurrence of the given secrets (the API keys found in the environment) with
 * `[redacted]`. Every line the CLI prints goes through one, on stdout and stderr alike.
 */
export function makeRedactor(secrets: readonly string[]): (text: string) => string {
  // Longest first, so a key that contains another is replaced whole. Very short values are not
  // keys and would garble ordinary text.
  const list = [...new Set(secrets)].filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const s of list) out = out.split(s).join("[redacted]");
    return out;
  };
}

/**
 * Lines to a stream, in order, waiting when the reader is slow (so a stream of chunks is flushed as
 * it goes, and memory stays flat). When the reader goes away (EPIPE: `sluice run ... | head -1`)
 * the output closes quietly and `onClose` lets the run stop.
 */
export class LineWriter {
  private closed = false;

  constructor(
    private readonly stream: Writable,
    private readonly redact: (text: string) => string,
    onClose: () => void = () => undefined,
  ) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
      this.closed = true;
      onClose();
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async line(text: string): Promise<void> {
    if (this.closed) return;
    if (!this.stream.write(`${this.redact(text)}\n`)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off("drain", done);
          this.stream.off("error", done);
          resolve();
        };
        this.stream.on("drain", done);
        this.stream.on("error", done);
      });
    }
  }

  /** Resolves once everything written so far has been handed to the operating system. */
  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.stream.write("", () => resolve()));
  }
}
