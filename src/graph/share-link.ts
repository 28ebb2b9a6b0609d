import { type ImportResult, exportDocument, importDocument } from "./io.ts";
import type { ChainDocument } from "./schema.ts";

/**
 * Share links carry a whole chain in the URL fragment, which browsers never send to a server:
 * `#chain=<base64url of the deflate-raw compressed, secret-free export JSON>`. Opening one goes
 * through `importDocument`, so links made by older versions migrate like files do.
 */

export const SHARE_PARAM = "chain";
/** A link never expands past this: a small link cannot make the page inflate gigabytes. */
export const MAX_SHARE_BYTES = 5 * 1024 * 1024;
/** Longer fragments are refused before any decoding (5 MB incompressible, in base64). */
const MAX_SHARE_CHARS = Math.ceil((MAX_SHARE_BYTES * 4) / 3) + 16;

/**
 * The fragment (with its `#`) that carries `doc`. Secrets are dropped by `exportDocument`.
 *
 * @example
 * const url = `${location.origin}${location.pathname}${await encodeShareFragment(doc)}`;
 */
export async function encodeShareFragment(doc: ChainDocument): Promise<string> {
  // The export's key order, without its indentation: smaller links, same document.
  const json = JSON.stringify(JSON.parse(exportDocument(doc)));
  const compressed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return `#${SHARE_PARAM}=${toBase64Url(compressed)}`;
}

/** `base` (any URL; its own fragment is replaced) with the chain's fragment. */
export async function shareLinkFor(doc: ChainDocument, base: string): Promise<string> {
  const hash = base.indexOf("#");
  return `${hash < 0 ? base : base.slice(0, hash)}${await encodeShareFragment(doc)}`;
}

/**
 * Reads a chain from a fragment (`location.hash`, with or without `#`). `undefined` when the
 * fragment carries no chain; otherwise `importDocument`'s result, with a problem at path `(link)`
 * when the link is truncated, corrupt or too large.
 *
 * @example
 * const shared = await decodeShareFragment(location.hash);
 * if (shared?.ok) open(shared.document); else if (shared) show(shared.problems);
 */
export async function decodeShareFragment(
  fragment: string,
  options: { maxBytes?: number } = {},
): Promise<ImportResult | undefined> {
  const maxBytes = options.maxBytes ?? MAX_SHARE_BYTES;
  const prefix = `${SHARE_PARAM}=`;
  const param = fragment
    .replace(/^#/, "")
    .split("&")
    .find((p) => p.startsWith(prefix));
  if (param === undefined) return undefined;
  const data = param.slice(prefix.length);
  if (!data) return linkProblem("the link carries no chain data");
  if (data.length > MAX_SHARE_CHARS) return linkProblem(tooLarge(maxBytes));
  const bytes = fromBase64Url(data);
  if (!bytes) {
    return linkProblem("the link is corrupt: its data has characters a share link never contains");
  }
  let json: string;
  try {
    const inflated = await pipe(bytes, new DecompressionStream("deflate-raw"), maxBytes);
    json = new TextDecoder("utf-8", { fatal: true }).decode(inflated);
  } catch (err) {
    if (err instanceof TooLarge) return linkProblem(tooLarge(maxBytes));
    return linkProblem("the link is truncated or corrupt: copy the whole link again");
  }
  return importDocument(json);
}

class TooLarge extends Error {}

function tooLarge(maxBytes: number): string {
  const size =
    maxBytes >= 1024 * 1024
      ? `${Math.round(maxBytes / 1024 / 1024)} MB`
      : `${Math.round(maxBytes / 1024)} kB`;
  return `the link's chain is larger than ${size}: open it as a file instead`;
}

function linkProblem(message: string): ImportResult {
  return { ok: false, problems: [{ path: "(link)", message: `(link): ${message}`, severity: "error" }] };
}

/** Runs bytes through a (de)compression stream, stopping as soon as the output passes `maxBytes`. */
async function pipe(
  input: Uint8Array<ArrayBuffer>,
  transform: CompressionStream | DecompressionStream,
  maxBytes = Infinity,
): Promise<Uint8Array<ArrayBuffer>> {
  const writer = transform.writable.getWriter();
  // Errors surface on the reading side; these promises only need handling.
  writer.write(input).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Base64url without padding (RFC 4648 §5): URL-safe with no escaping. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** The bytes of base64url text (padding tolerated), or `undefined` when it cannot be base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const s = text.replace(/={1,2}$/, "");
  // One leftover character carries 6 bits: never a whole byte, so the text was cut.
  if (s.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((s.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const v = code < 128 ? LOOKUP[code]! : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
