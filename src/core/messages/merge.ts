/**
 * Merges message metadata as LangChain does: nested objects merge, same-key strings append
 * (streamed text fields arrive in pieces), numbers add, lists concatenate, except identity-like keys
 * where the newer non-empty value wins and position-like keys where the first is kept.
 */
const NEWER_WINS = new Set(["id", "name", "output_version", "model_provider", "finish_reason", "model_name"]);
const FIRST_KEPT = new Set(["type", "index", "created", "timestamp"]);

export function mergeMetadata(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const key of Object.keys(b)) {
    const left = out[key];
    const right = b[key];
    if (left === undefined || left === null) out[key] = right;
    else if (right === undefined || right === null) continue;
    else if (FIRST_KEPT.has(key)) continue;
    else if (NEWER_WINS.has(key)) out[key] = right === "" ? left : right;
    else if (typeof left === "string" && typeof right === "string") out[key] = left + right;
    else if (typeof left === "number" && typeof right === "number") out[key] = left + right;
    else if (Array.isArray(left) && Array.isArray(right)) out[key] = mergeLists(left, right);
    else if (isPlainObject(left) && isPlainObject(right)) out[key] = mergeMetadata(left, right);
    else out[key] = right;
  }
  return out;
}

/**
 * Lists arrive in pieces too (per-token logprobs, content blocks): they concatenate, except that an
 * object with a numeric `index` merges into the earlier object with the same index, as in LangChain.
 */
function mergeLists(a: unknown[], b: unknown[]): unknown[] {
  const out = [...a];
  for (const item of b) {
    const index = isPlainObject(item) && typeof item.index === "number" ? item.index : undefined;
    const at = index === undefined ? -1 : out.findIndex((x) => isPlainObject(x) && x.index === index);
    if (at >= 0) out[at] = mergeMetadata(out[at] as Record<string, unknown>, item as Record<string, unknown>);
    else out.push(item);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
