/**
 * Test-only: divergences from LangChain.js observed by the conformance scenarios that SEMANTICS.md does
 * not list yet (each is reported and pinned by a test of Sluice's own behavior in
 * semantics-differ-unlisted.test.ts).
 */
import type { KnownDivergence } from "./conformance-harness.ts";

export const JSON_END_INPUT =
  "JsonOutputParser end event input: Sluice the whole message, LangChain only the last chunk";
export const LAMBDA_START =
  "a plain lambda in a stream: Sluice starts it with its gathered input, LangChain at the first chunk with {}";
export const NESTED_SEQUENCE =
  "a sequence streamed inside a map: Sluice streams through it, LangChain gathers its input (start with input, no stream events)";

export const known = (run: string, drop: KnownDivergence["drop"], why: string): KnownDivergence => ({
  run,
  drop,
  why,
});
