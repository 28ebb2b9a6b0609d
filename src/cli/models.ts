import type { BaseChatModel } from "../core/index.ts";
import type { ChainDocument, ChainNode, ModelData } from "../graph/index.ts";
import { KEY_VARIABLES } from "./keys.ts";

type Provider = ModelData["provider"];

type Env = Record<string, string | undefined>;

export function keyFor(provider: Provider, env: Env): string | undefined {
  const variable =
    provider in KEY_VARIABLES ? KEY_VARIABLES[provider as keyof typeof KEY_VARIABLES] : undefined;
  const value = variable ? env[variable] : undefined;
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/**
 * Model nodes that cannot run for want of a key. A node with its own `baseUrl` (a proxy, a local
 * server, a mock) may not need one, and openai-compatible servers often take none, so those run
 * without and let the server answer.
 */
export function missingKeys(doc: ChainDocument, env: Env): { node: ChainNode; variable: string }[] {
  const out: { node: ChainNode; variable: string }[] = [];
  for (const node of doc.nodes) {
    if (node.type !== "model") continue;
    const { provider, baseUrl } = node.data;
    const variable =
      provider in KEY_VARIABLES ? KEY_VARIABLES[provider as keyof typeof KEY_VARIABLES] : undefined;
    if (!variable || provider === "openai-compatible" || baseUrl !== undefined) continue;
    if (keyFor(provider, env) === undefined) out.push({ node, variable });
  }
  return out;
}

/**
 * The compiler's model factory for the CLI: the providers' `createChatModel` with the key from the
 * environment. `onError` learns which node a construction error belongs to. The providers are
 * loaded only when the chain has a remote model, so offline chains start faster.
 */
export async function loadModelFactory(
  doc: ChainDocument,
  env: Env,
  onError: (err: unknown, node: ChainNode | undefined) => void,
): Promise<((data: ModelData) => BaseChatModel) | undefined> {
  if (!doc.nodes.some((n) => n.type === "model" && n.data.provider !== "scripted")) return undefined;
  const { createChatModel } = await import("../providers/index.ts");
  // The compiler hands over a node's data object; its identity tells which node it is.
  const byData = new Map<object, ChainNode>(doc.nodes.map((n) => [n.data, n]));
  return (data) => {
    const { provider } = data;
    try {
      if (provider === "scripted") throw new Error("scripted models are built by the compiler itself");
      // A failed fetch in Node is never CORS, so the browser's CORS probe stays off.
      return createChatModel({ ...data, provider, apiKey: keyFor(provider, env), probeCors: false });
    } catch (err) {
      onError(err, byData.get(data));
      throw err;
    }
  };
}
