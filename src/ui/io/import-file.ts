import { type ChainDocument, type Problem, importDocument } from "../../graph/index.ts";

export type ImportOutcome =
  { ok: true; document: ChainDocument } | { ok: false; fileName: string; problems: Problem[] };

/** Reads and validates a chain file; the current chain is never touched here. */
export async function readChainFile(file: File): Promise<ImportOutcome> {
  if (file.size > 20 * 1024 * 1024) {
    return {
      ok: false,
      fileName: file.name,
      problems: [{ path: "(file)", message: "the file is larger than 20 MB", severity: "error" }],
    };
  }
  const result = importDocument(await file.text());
  return result.ok
    ? { ok: true, document: result.document }
    : { ok: false, fileName: file.name, problems: result.problems };
}
