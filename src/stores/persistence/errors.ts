/**
 * Why storage failed, in words a user can act on. `quota`: the browser's storage is full;
 * `unavailable`: IndexedDB is missing, blocked (private modes, disabled site data) or held by a newer
 * version of Sluice; `corrupt`: a stored record cannot be read; `not-found`; `invalid`: a bad
 * argument; `conflict`: the chain was saved elsewhere (another tab) since this copy was read;
 * `failed`: anything else.
 */
export type PersistenceErrorKind =
  "quota" | "unavailable" | "corrupt" | "not-found" | "invalid" | "conflict" | "failed";

/**
 * The one error type storage code rejects with. `message` is a human sentence fragment (no
 * trailing period) meant for the status line.
 *
 * @example
 * try { await repo.put(id, doc) } catch (err) { show(toPersistenceError(err).message) }
 */
export class PersistenceError extends Error {
  override name = "PersistenceError";
  constructor(
    readonly kind: PersistenceErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** DOMException names (and Firefox's legacy one) that mean "out of space". */
const QUOTA_NAMES = new Set(["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"]);
/** Names browsers use when IndexedDB is refused or broken: private modes, blocked storage, disk trouble. */
const UNAVAILABLE_NAMES = new Set(["InvalidStateError", "SecurityError", "NotAllowedError", "UnknownError"]);

/** Turns whatever storage threw into a `PersistenceError` with a message a user can act on. */
export function toPersistenceError(err: unknown): PersistenceError {
  if (err instanceof PersistenceError) return err;
  const name = errorName(err);
  if (QUOTA_NAMES.has(name) || (err as { code?: unknown } | null)?.code === 22) {
    return new PersistenceError("quota", "the browser's storage for this site is full", { cause: err });
  }
  if (name === "VersionError") {
    return new PersistenceError(
      "unavailable",
      "a newer version of Sluice has upgraded this browser's storage: reload the page",
      { cause: err },
    );
  }
  if (UNAVAILABLE_NAMES.has(name)) {
    return new PersistenceError(
      "unavailable",
      "browser storage is unavailable (private browsing, or site data blocked)",
      { cause: err },
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new PersistenceError("failed", `browser storage failed: ${detail || name || "unknown error"}`, {
    cause: err,
  });
}

/** Runs storage work; whatever it throws comes out as a `PersistenceError`. */
export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toPersistenceError(err);
  }
}

function errorName(err: unknown): string {
  if (typeof err === "object" && err !== null && "name" in err && typeof err.name === "string")
    return err.name;
  return "";
}
