/** Small async-iteration helpers used on hot paths; written for speed, not generality. */

/** An async iterable of one value. */
export function single<T>(value: T): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      let done = false;
      return {
        next: () => {
          if (done) return Promise.resolve({ value: undefined, done: true } as IteratorResult<T>);
          done = true;
          return Promise.resolve({ value, done: false });
        },
        return: () => {
          done = true;
          return Promise.resolve({ value: undefined, done: true } as IteratorResult<T>);
        },
      };
    },
  };
}

/**
 * A push queue read as an async iterator: producers push without waiting, the consumer awaits only
 * when it has drained the buffer. Used to hand events from the running chain to `streamEvents`.
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private buffer: T[] = [];
  private head = 0;
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((e: unknown) => void) | undefined;
  private closed = false;
  private error: { value: unknown } | undefined;

  constructor(private readonly onReturn?: () => void) {}

  push(value: T): void {
    if (this.closed) return;
    const resolve = this.waiting;
    if (resolve) {
      this.waiting = this.failWaiting = undefined;
      resolve({ value, done: false });
    } else this.buffer.push(value);
  }

  close(): void {
    this.closed = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = this.failWaiting = undefined;
  }

  fail(error: unknown): void {
    if (this.closed) return;
    this.error = { value: error };
    this.closed = true;
    this.failWaiting?.(error);
    this.waiting = this.failWaiting = undefined;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.buffer.length) {
      const value = this.buffer[this.head++] as T;
      if (this.head > 1024 && this.head * 2 > this.buffer.length) {
        this.buffer = this.buffer.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.error) {
      const { value } = this.error;
      this.error = undefined;
      return Promise.reject(value); // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors -- the chain's own error, as thrown
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.closed = true;
    this.buffer = [];
    this.head = 0;
    this.onReturn?.();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * Splits one async iterable into `n` that each see every item; the source is pulled by whichever
 * consumer is ahead, and the others read from a buffer. Lets a node that feeds several others run
 * once while each consumer streams.
 */
export function tee<T>(source: AsyncIterable<T>, n: number): AsyncIterable<T>[] {
  const it = source[Symbol.asyncIterator]();
  const buffers: T[][] = Array.from({ length: n }, () => []);
  let finished: { error?: unknown; failed: boolean } | undefined;
  // Once every consumer has stopped, an unfinished source is closed (its cleanup runs, as it would
  // for a single consumer that breaks out of its loop).
  let active = n;
  const release = () => {
    if (--active > 0 || finished) return;
    finished = { failed: false };
    void it.return?.()?.catch(() => undefined);
  };
  let pulling: Promise<void> | undefined;
  const pull = (): Promise<void> =>
    (pulling ??= it.next().then(
      (r) => {
        pulling = undefined;
        if (r.done) finished = { failed: false };
        else for (const b of buffers) b.push(r.value);
      },
      (error: unknown) => {
        pulling = undefined;
        finished = { failed: true, error };
      },
    ));
  return buffers.map((buffer) => ({
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (buffer.length > 0) {
            yield buffer.shift() as T;
            continue;
          }
          if (finished) {
            if (finished.failed) throw finished.error;
            return;
          }
          await pull();
        }
      } finally {
        release();
      }
    },
  }));
}

/**
 * Maps a stream without an async generator of its own: each item costs one `then` instead of a
 * generator hop (several microtask turns), which is most of a step's per-chunk cost.
 * `onEnd` runs once the source is done; `onError` sees a failure before it propagates.
 */
export function mapStream<T, U>(
  source: AsyncIterable<T>,
  fn: (item: T) => U,
  onEnd?: () => void,
  onError?: (err: unknown) => void,
): AsyncIterable<U> {
  return {
    [Symbol.asyncIterator]() {
      const it = source[Symbol.asyncIterator]();
      const step = (r: IteratorResult<T>): IteratorResult<U> => {
        if (r.done) {
          onEnd?.();
          return r;
        }
        return { value: fn(r.value), done: false };
      };
      const fail = (err: unknown): never => {
        onError?.(err);
        throw err;
      };
      return {
        next: () => it.next().then(step, fail),
        return: (value?: unknown) =>
          it.return
            ? it.return(value).then(() => ({ value: undefined, done: true }) as IteratorResult<U>)
            : Promise.resolve({ value: undefined, done: true } as IteratorResult<U>),
      };
    },
  };
}

/**
 * An async iterable that first awaits `start` (for example, gathering a whole input) and then reads
 * the stream it returns directly, without a generator in between. Returning early while `start` is
 * still running calls `cancel` (so a gathering step stops pulling its upstream), and the stream
 * `start` resolves to is then never read.
 */
export function deferStream<T>(
  start: () => Promise<AsyncIterable<T>>,
  cancel?: () => void,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      let inner: AsyncIterator<T> | undefined;
      let closed = false;
      return {
        next: async () => {
          if (closed) return { value: undefined, done: true } as IteratorResult<T>;
          if (!inner) {
            const stream = await start();
            if (closed) return { value: undefined, done: true } as IteratorResult<T>;
            inner ??= stream[Symbol.asyncIterator]();
          }
          return inner.next();
        },
        return: async (value?: unknown) => {
          closed = true;
          if (inner?.return) await inner.return(value);
          else if (!inner) cancel?.();
          return { value: undefined, done: true } as IteratorResult<T>;
        },
      };
    },
  };
}

/**
 * Adds up a whole input stream, then streams what `then` makes of it. Returning early while the
 * input is still being gathered closes the input, and `then` is never called (a run stopped while
 * waiting for its input does not start).
 */
export function gatherThen<I, O>(
  input: AsyncIterable<I>,
  gatherAll: (input: AsyncIterable<I>) => Promise<I>,
  then: (value: I) => AsyncIterable<O>,
): AsyncIterable<O> {
  let it: AsyncIterator<I> | undefined;
  let cancelled = false;
  return deferStream(
    async () => {
      const source = input[Symbol.asyncIterator]();
      it = source;
      const value = await gatherAll({ [Symbol.asyncIterator]: () => source });
      return cancelled ? EMPTY : then(value);
    },
    () => {
      cancelled = true;
      void it?.return?.().catch(() => undefined);
    },
  );
}

const EMPTY: AsyncIterable<never> = {
  [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ value: undefined, done: true }) }),
};
