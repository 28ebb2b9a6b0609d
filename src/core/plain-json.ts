/**
 * Walks any value into plain JSON data the way `JSON.stringify` would treat its primitives: strings
 * and booleans as they are, non-finite numbers as null, bigints as strings, `undefined`, functions
 * and symbols dropped (the caller writes null inside arrays). A value met again inside itself is
 * `"[Circular]"`. Arrays and Sets become arrays (missing items as null), Maps plain records,
 * Errors `{ name, message }`; every other object goes to `object`, which decides its shape and walks
 * its parts with `walk`. Shared by run storage (`toStoredValue`) and the CLI's output (`toJsonValue`), which differ
 * only in how they write messages, dates and the like.
 */
export function toPlainJson(
  value: unknown,
  object: (value: object, walk: (part: unknown) => unknown) => unknown,
): unknown {
  const seen = new Set<object>();
  const walk = (part: unknown): unknown => {
    switch (typeof part) {
      case "string":
      case "boolean":
        return part;
      case "number":
        return Number.isFinite(part) ? part : null;
      case "bigint":
        return part.toString();
      case "undefined":
      case "function":
      case "symbol":
        return undefined;
    }
    if (part === null) return null;
    const obj = part as object;
    if (seen.has(obj)) return "[Circular]";
    seen.add(obj);
    try {
      if (Array.isArray(obj) || obj instanceof Set)
        return [...(obj as Iterable<unknown>)].map((v) => walk(v) ?? null);
      if (obj instanceof Map) return plainRecord(obj as Map<unknown, unknown>, walk);
      if (obj instanceof Error) return { name: obj.name, message: obj.message };
      return object(obj, walk);
    } finally {
      seen.delete(obj);
    }
  };
  return walk(value);
}

/**
 * Entries (a Map's, or `Object.entries` of a record) as a plain record for `object` callbacks of
 * `toPlainJson`: keys as strings, each value walked, those that walk to `undefined` left out.
 */
export function plainRecord(
  entries: Iterable<readonly [unknown, unknown]>,
  walk: (part: unknown) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const part = walk(v);
    if (part !== undefined) setOwn(out, String(k), part);
  }
  return out;
}

/** `out[k] = v`, except that a key named `__proto__` stays a key (as JSON.parse makes it), never the prototype. */
export function setOwn(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === "__proto__")
    Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
  else out[k] = v;
}
