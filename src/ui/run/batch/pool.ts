// A tiny concurrency pool, hand-written: it is a dozen lines, and it needs "not started because
// aborted" as a result of its own, which p-limit does not report.

export type PoolOutcome<R> =
  | { status: "fulfilled"; value: R }
  | { status: "rejected"; reason: unknown }
  /** Never started: the signal was aborted first. */
  | { status: "skipped" };

/**
 * Runs `task(i)` for i in 0..count-1 with at most `limit` in flight, starting them in order.
 * Resolves once every started task settled, with one outcome per index (in index order). After
 * `signal` aborts no task starts; aborting the ones in flight is the tasks' job (they get the signal).
 */
export async function runPool<R>(
  count: number,
  limit: number,
  task: (index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<PoolOutcome<R>[]> {
  const outcomes: PoolOutcome<R>[] = Array.from({ length: count }, () => ({ status: "skipped" }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && !signal?.aborted) {
      const i = next++;
      try {
        outcomes[i] = { status: "fulfilled", value: await task(i) };
      } catch (reason) {
        outcomes[i] = { status: "rejected", reason };
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit), count));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}
