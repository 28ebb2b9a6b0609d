/** The chain document: schema, node registry, validation, migrations, compiler, import/export. */
export * from "./schema.ts";
export * from "./ports.ts";
export type {
  AnyNodeDefinition,
  CompileContext,
  FieldDecl,
  NodeDefinition,
  Problem,
} from "./node-definition.ts";
export { NODE_DEFINITIONS, NODE_TYPES, definitionOf, displayName, withDefinition } from "./registry.ts";
export { promptVariables } from "./nodes/prompt.ts";
export { InMemoryRetriever } from "./nodes/retriever.ts";
export { graphProblems, cachedGraphProblems, edgeKindProblem } from "./graph-problems.ts";
export { topologicalOrder, findCycle } from "./topology.ts";
export { importDocument, exportDocument, validateDocument, type ImportResult } from "./io.ts";
export { migrate, MigrationError } from "./migrate.ts";
export { compileDocument, CompileError } from "./compile.ts";
export { analyzeLambda, LambdaCodeError, type LambdaInfo } from "./lambda-code.ts";
export { stripSecrets, isSecretKey, redactString, REDACTED } from "./secrets.ts";
export { Bm25Index, tokenize } from "./bm25.ts";
export { autoLayout, DEFAULT_NODE_SIZE, type NodeSize } from "./layout.ts";
export { exportCode } from "./code-export.ts";
export {
  encodeShareFragment,
  decodeShareFragment,
  shareLinkFor,
  SHARE_PARAM,
  MAX_SHARE_BYTES,
} from "./share-link.ts";
