/**
 * Secrets never leave Sluice in a document: keys named like secrets are dropped anywhere in the
 * tree, and strings shaped like well-known API keys are redacted wherever they appear.
 */
const SECRET_KEY =
  /^(api[-_]?key|apikey|x[-_]api[-_]key|key|secret|client[-_]?secret|token|access[-_]?token|auth|authorization|password|bearer|credentials?)$/i;
const SECRET_VALUE =
  /\b(sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,}|gsk_[A-Za-z0-9]{20,}|xai-[A-Za-z0-9]{20,}|(?:Bearer|bearer)\s+[A-Za-z0-9._~+/-]{16,}=*)/g;

export const REDACTED = "[redacted]";

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redactString(value: string): string {
  return value.replace(SECRET_VALUE, REDACTED);
}

/** A deep copy without secrets. */
export function stripSecrets(value: unknown): unknown {
  if (typeof value === "string") return redactString(value);
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!isSecretKey(k)) out[k] = stripSecrets(v);
    return out;
  }
  return value;
}
