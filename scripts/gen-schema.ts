/**
 * Writes `public/chain.schema.json`, the chain document's JSON Schema, from its zod schema
 * (src/graph/schema.ts). Run it after changing the schema:
 *
 *   npx tsx scripts/gen-schema.ts
 *
 * `src/graph/json-schema.test.ts` fails while the committed file is out of date. Descriptions live
 * here, in a registry of their own, so the runtime schema stays free of documentation strings.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as z from "zod";
import {
  CHAIN_FORMAT,
  CHAIN_VERSION,
  chainDocumentSchema,
  edgeSchema,
  lambdaDataSchema,
  modelDataSchema,
  nodeSchema,
  parserDataSchema,
  passthroughDataSchema,
  promptDataSchema,
  promptMessageSchema,
  providerSchema,
  retrieverDataSchema,
  scriptSchema,
} from "../src/graph/schema.ts";

export const SCHEMA_PATH = fileURLToPath(new URL("../public/chain.schema.json", import.meta.url));
export const SCHEMA_ID = `urn:sluice:${CHAIN_FORMAT}:v${CHAIN_VERSION}`;

interface Meta {
  id?: string;
  title?: string;
  description?: string;
}

const NODE_DESCRIPTIONS: Record<string, string> = {
  prompt: "Formats the input variables into chat messages; each {variable} is an input of the node.",
  model: "A chat model that streams its answer token by token: scripted (offline) or a provider.",
  parser: "Turns a model's output into text (str), partial JSON objects (json) or a list (list), streaming.",
  lambda:
    "The source of one JavaScript function: a plain function gets the whole input, an async function* transforms the input stream.",
  passthrough: "Passes its input on unchanged, e.g. to feed the chain's input into a prompt variable.",
  retriever: "Returns the k documents most relevant to the query it receives (BM25 over its own documents).",
};

/** Titles and descriptions for the JSON Schema, keyed by the zod schemas they describe. */
function descriptions(): z.core.$ZodRegistry<Meta> {
  const registry = z.registry<Meta>();
  const doc = chainDocumentSchema.shape;
  registry.add(doc.format, { description: `Always "${CHAIN_FORMAT}".` });
  registry.add(doc.version, {
    description: `The format version; older versions are migrated on import, newer ones refused.`,
  });
  registry.add(doc.name, { description: "The chain's name." });
  registry.add(doc.nodes, { description: "The chain's steps." });
  registry.add(doc.edges, {
    description: "What flows where: each edge feeds its source node's output into its target node.",
  });
  for (const variant of nodeSchema.options) {
    const type = variant.shape.type.value;
    registry.add(variant, {
      id: `${type[0]!.toUpperCase()}${type.slice(1)}Node`,
      title: `${type} node`,
      description: NODE_DESCRIPTIONS[type] ?? type,
    });
  }
  const base = nodeSchema.options[0].shape;
  registry.add(base.id, { description: "Unique among the chain's nodes; edges refer to it." });
  registry.add(base.name, {
    description: "The run name of the node's events (its type's name when absent).",
  });
  registry.add(base.position, {
    id: "Position",
    description: "Where the node sits on the canvas, in pixels.",
  });
  registry.add(promptDataSchema, { id: "PromptData" });
  registry.add(promptMessageSchema, { id: "PromptMessage" });
  registry.add(promptMessageSchema.shape.role, {
    description: 'A placeholder message inserts a list of messages, e.g. "{history}".',
  });
  registry.add(promptMessageSchema.shape.template, {
    description: "f-string ({name}, {{ and }} for braces) or mustache ({{name}}).",
  });
  registry.add(modelDataSchema, { id: "ModelData" });
  registry.add(providerSchema, { description: "Who answers: scripted is offline and deterministic." });
  registry.add(modelDataSchema.shape.model, { description: "The provider's model name." });
  registry.add(modelDataSchema.shape.baseUrl, {
    description: "Overrides the provider's endpoint (an OpenAI-compatible server, a proxy, Ollama's host).",
  });
  registry.add(scriptSchema, {
    id: "Script",
    description:
      "The scripted model's answers, used in turn. A string is split into chunks by `chunking`; a list of strings streams exactly those chunks.",
  });
  registry.add(scriptSchema.shape.chunking, {
    description:
      'How a string response is split: "words", "chars", or { "regex": "..." } matching each chunk.',
  });
  registry.add(scriptSchema.shape.firstTokenMs, { description: "Delay before the first chunk." });
  registry.add(scriptSchema.shape.tokensPerSecond, {
    description: "Pace after the first chunk; 0 is no delay.",
  });
  registry.add(scriptSchema.shape.failAfterChunks, {
    description: "Fails after this many chunks of each response (a scripted provider error).",
  });
  registry.add(parserDataSchema, { id: "ParserData" });
  registry.add(lambdaDataSchema, { id: "LambdaData" });
  registry.add(lambdaDataSchema.shape.code, {
    description: "The source of one JavaScript function, such as `function reverse(text) { ... }`.",
  });
  registry.add(passthroughDataSchema, { id: "PassthroughData" });
  registry.add(retrieverDataSchema, { id: "RetrieverData" });
  registry.add(retrieverDataSchema.shape.k, { description: "How many documents to return (4 when absent)." });
  registry.add(edgeSchema, { id: "Edge" });
  registry.add(edgeSchema.shape.source, { description: "The id of the node whose output flows." });
  registry.add(edgeSchema.shape.target, { description: "The id of the node it flows into." });
  registry.add(edgeSchema.shape.targetHandle, {
    description:
      "The key under which the source's output enters the target's input object (a prompt variable, a lambda's argument key). Without it the target receives the output as it is, which is allowed only for the target's single incoming edge.",
  });
  return registry;
}

/** The JSON Schema of the current chain format, as committed in `public/chain.schema.json`. */
export function chainJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(chainDocumentSchema, {
    target: "draft-2020-12",
    io: "input",
    metadata: descriptions(),
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: "Sluice chain document",
    description: `A Sluice chain (format "${CHAIN_FORMAT}", version ${CHAIN_VERSION}): nodes, and edges between them. Unknown extra keys are allowed and preserved; secrets (API keys) never belong in a document. See docs/chain-format.md.`,
    ...rest,
  };
}

export function chainJsonSchemaText(): string {
  return `${JSON.stringify(chainJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, chainJsonSchemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
