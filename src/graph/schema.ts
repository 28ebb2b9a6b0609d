import * as z from "zod";

/**
 * The chain document (format `sluice.chain`, version 1): docs/chain-format.md. Objects are loose so
 * unknown extra keys survive import and export.
 */

const position = z.looseObject({ x: z.number(), y: z.number() });

export const promptMessageSchema = z.looseObject({
  role: z.enum(["system", "human", "ai", "placeholder"]),
  template: z.string().max(1_000_000),
});

export const promptDataSchema = z.looseObject({
  messages: z.array(promptMessageSchema).max(1000),
  templateFormat: z.enum(["f-string", "mustache"]).optional(),
});

export const providerSchema = z.enum([
  "scripted",
  "openai",
  "openai-compatible",
  "anthropic",
  "google",
  "ollama",
]);

export const scriptSchema = z.looseObject({
  responses: z.array(z.union([z.string(), z.array(z.string())])).min(1),
  chunking: z.union([z.enum(["words", "chars"]), z.looseObject({ regex: z.string() })]).optional(),
  firstTokenMs: z.number().min(0).max(600_000).optional(),
  tokensPerSecond: z.number().min(0).max(1_000_000).optional(),
  failAfterChunks: z.number().int().min(0).optional(),
  failMessage: z.string().optional(),
});

export const modelDataSchema = z.looseObject({
  provider: providerSchema,
  model: z.string().min(1).max(500),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  params: z
    .looseObject({
      temperature: z.number().min(0).max(2).optional(),
      maxTokens: z.number().int().positive().optional(),
      topP: z.number().min(0).max(1).optional(),
      stop: z.array(z.string()).max(16).optional(),
    })
    .optional(),
  script: scriptSchema.optional(),
});

export const parserDataSchema = z.looseObject({ parser: z.enum(["str", "json", "list"]) });
export const lambdaDataSchema = z.looseObject({ code: z.string().max(1_000_000) });
export const passthroughDataSchema = z.looseObject({});
export const retrieverDataSchema = z.looseObject({
  documents: z
    .array(z.looseObject({ pageContent: z.string(), metadata: z.record(z.string(), z.unknown()).optional() }))
    .max(100_000),
  k: z.number().int().min(1).max(1000).optional(),
});

const nodeBase = {
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200).optional(),
  position,
};

export const nodeSchema = z.discriminatedUnion("type", [
  z.looseObject({ ...nodeBase, type: z.literal("prompt"), data: promptDataSchema }),
  z.looseObject({ ...nodeBase, type: z.literal("model"), data: modelDataSchema }),
  z.looseObject({ ...nodeBase, type: z.literal("parser"), data: parserDataSchema }),
  z.looseObject({ ...nodeBase, type: z.literal("lambda"), data: lambdaDataSchema }),
  z.looseObject({ ...nodeBase, type: z.literal("passthrough"), data: passthroughDataSchema }),
  z.looseObject({ ...nodeBase, type: z.literal("retriever"), data: retrieverDataSchema }),
]);

export const edgeSchema = z.looseObject({
  id: z.string().min(1).max(200),
  source: z.string().min(1),
  target: z.string().min(1),
  targetHandle: z.string().min(1).max(200).optional(),
});

export const CHAIN_FORMAT = "sluice.chain";
export const CHAIN_VERSION = 1;

export const chainDocumentSchema = z.looseObject({
  format: z.literal(CHAIN_FORMAT),
  version: z.literal(CHAIN_VERSION),
  name: z.string().max(500).optional(),
  nodes: z.array(nodeSchema).max(20_000),
  edges: z.array(edgeSchema).max(100_000),
});

export type ChainDocument = z.infer<typeof chainDocumentSchema>;
export type ChainNode = z.infer<typeof nodeSchema>;
export type ChainEdge = z.infer<typeof edgeSchema>;
export type NodeType = ChainNode["type"];
export type NodeOfType<T extends NodeType> = Extract<ChainNode, { type: T }>;
export type ModelData = z.infer<typeof modelDataSchema>;
