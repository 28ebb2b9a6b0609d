/** Shared by the compile tests. Reading files is left to the tests: the graph layer has no file system. */
import { type ExampleName, withoutDelays } from "./fixtures/examples.ts";
import { importDocument } from "./io.ts";
import type { ChainDocument } from "./schema.ts";

/** An example document (examples/<name>.json), read with `readText`, without its delays. */
export function loadExample(name: ExampleName, readText: (url: URL) => string): ChainDocument {
  const r = importDocument(readText(new URL(`../../examples/${name}.json`, import.meta.url)));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return withoutDelays(r.document);
}
