/**
 * Test-only: the examples of the streaming guide (shared/reference/how-to-stream.txt) written once
 * against a `Lib`, so the same code runs on Sluice and on @langchain/core. This index re-exports the
 * data (scenarios-data.ts) and the scenarios by topic: the guide's chains (scenarios-chains.ts), stream
 * events and config (scenarios-events.ts), and execution (scenarios-execution.ts).
 */
export {
  COUNTRIES_CHUNKS,
  COUNTRIES_QUESTION,
  COUNTRIES_STREAM,
  DOCS,
  JOKE,
  extractCountryNames,
  jsonChunks,
} from "./scenarios-data.ts";
export {
  chunkConcat,
  jsonThenFunction,
  modelAlone,
  modelJson,
  promptModelParser,
  promptVariables,
  retrievalChain,
  retrieverAlone,
} from "./scenarios-chains.ts";
export { configInheritance, filters, nestedRuns } from "./scenarios-events.ts";
export { abortMidStream, batching, errors, parallelMap } from "./scenarios-execution.ts";
