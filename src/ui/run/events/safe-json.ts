/**
 * JSON for whatever a run put in an event. Messages and prompt values serialise through their
 * `toJSON`; a lambda may still return a BigInt or a cyclic object, which `JSON.stringify` rejects,
 * so those become readable placeholders instead of breaking the list, the detail or the download.
 */
export function safeStringify(value: unknown, space?: number): string {
  try {
    return JSON.stringify(value, bigintAsString, space) ?? "undefined";
  } catch {
    return JSON.stringify(value, cycleSafeReplacer(), space) ?? "undefined";
  }
}

function bigintAsString(_key: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}

function cycleSafeReplacer(): (this: unknown, key: string, v: unknown) => unknown {
  // The ancestors of the value being written: a value seen among them is a cycle.
  const ancestors: object[] = [];
  return function (this: unknown, _key: string, v: unknown): unknown {
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v !== "object" || v === null) return v;
    while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
    if (ancestors.includes(v)) return "[Circular]";
    ancestors.push(v);
    return v;
  };
}
