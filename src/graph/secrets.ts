/**
 * Secrets never leave Sluice in a document: keys named like secrets are dropped anywhere in the
 * tree, and strings shaped like well-known API keys or credentials are redacted wherever they appear
 * (templates, names, code, scripted responses, documents, unknown extra keys, and keys themselves).
 */

/**
 * A key names a secret when, lower-cased and without separators (`OPENAI_API_KEY` → `openaiapikey`),
 * it contains one of these words, ends with one of these, or is one of these. `maxTokens` and
 * `tokensPerSecond` are not secrets: only a singular `...token` at the end is.
 */
const SECRET_KEY_CONTAINS =
  /apikey|secret|passw(?:or)?d|passphrase|credential|privatekey|accesskey|clientkey/;
const SECRET_KEY_ENDS = /(?:token|auth|authorization|cookie|bearer)$/;
const SECRET_KEY_IS = new Set(["key", "pwd", "signature", "sig"]);

const SECRET_VALUE = new RegExp(
  [
    String.raw`\bsk-[A-Za-z0-9_-]{16,}`, // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-), OpenRouter (sk-or-)
    String.raw`\bAIza[0-9A-Za-z_-]{30,}`, // Google
    String.raw`\b(?:gsk|ghp|gho|ghu|ghs|ghr|hf|r8)_[A-Za-z0-9]{20,}`, // Groq, GitHub, Hugging Face, Replicate
    String.raw`\bgithub_pat_[A-Za-z0-9_]{20,}`,
    String.raw`\bxai-[A-Za-z0-9]{20,}`,
    String.raw`\bxox[abposr]-[A-Za-z0-9-]{10,}`, // Slack
    String.raw`\bAKIA[0-9A-Z]{16}\b`, // AWS access key id
    // `Bearer <credential>`: with a digit, or long, so prose ("the bearer of bad news") stays.
    String.raw`\b[Bb]earer\s+(?:(?=[A-Za-z._~+/-]*[0-9])[A-Za-z0-9._~+/-]{8,}|[A-Za-z0-9._~+/-]{20,})=*`,
    String.raw`\b[Aa]uthorization:\s*(?:[A-Za-z]+\s+)?[^\s"'<>]+`, // a header written out
  ].join("|"),
  "g",
);
/**
 * `https://user:pass@host` loses its user info. Every repetition here is bounded or stops at a
 * separator, so a megabyte template cannot make these expressions backtrack quadratically.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/?#@]+@/gi;
/** `?api_key=...`, `&token=...` and the like keep their name and lose their value. */
const URL_SECRET_PARAM =
  /([?&](?:api[-_]?key|key|token|access[-_]?token|auth|password|secret|sig|signature)=)(?!\[redacted\])[^&#\s"'<>]+/gi;

export const REDACTED = "[redacted]";

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_KEY_IS.has(k) || SECRET_KEY_CONTAINS.test(k) || SECRET_KEY_ENDS.test(k);
}

export function redactString(value: string): string {
  let out = value.replace(SECRET_VALUE, REDACTED);
  // The URL patterns only where a URL can be: most strings skip them at the cost of a scan.
  if (out.includes("://")) out = out.replace(URL_USERINFO, "$1");
  if (out.includes("=")) out = out.replace(URL_SECRET_PARAM, `$1${REDACTED}`);
  return out;
}

/**
 * A deep copy without secrets. Also drops `__proto__` keys, which no document may carry (import
 * refuses them) and which a plain copy would turn into a prototype.
 */
export function stripSecrets(value: unknown): unknown {
  if (typeof value === "string") return redactString(value);
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "__proto__" || isSecretKey(k) || redactString(k) !== k) continue;
      out[k] = stripSecrets(v);
    }
    return out;
  }
  return value;
}
