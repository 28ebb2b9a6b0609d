import type { ChainDocument } from "../../graph/index.ts";
import { toPersistenceError } from "./errors.ts";
import { newChainId } from "./repository.ts";
import type { ChainRepository, Viewport } from "./types.ts";

export interface RestoredSession {
  /** The chain to open (pass it to `createAutosave`). */
  chainId: string;
  doc: ChainDocument;
  /** Its remembered viewport; `undefined` means "fit the view". */
  viewport: Viewport | undefined;
  /** False when the document could not be stored: pass it to `createAutosave` so it is saved soon. */
  saved: boolean;
  /** The stored revision it was read at (pass it to `createAutosave`); undefined when not stored. */
  rev: number | undefined;
  /** Something the user should know: an unreadable chain skipped, or storage unavailable. */
  problem: string | undefined;
}

/**
 * What a page load opens: the chain that was open, else the most recently updated one, else a new
 * chain made from `fallback()` (the starter chain). An unreadable chain is skipped and left stored
 * untouched; when storage fails altogether the fallback opens in memory. Never rejects.
 *
 * @example
 * const session = await restoreSession(repository, () => starterDocument);
 * documents.getState().load(session.doc);
 */
export async function restoreSession(
  repository: ChainRepository,
  fallback: () => ChainDocument,
  options: { createId?: () => string } = {},
): Promise<RestoredSession> {
  const problems: string[] = [];
  let candidates: string[];
  try {
    const open = await repository.getOpenChainId();
    const ids = (await repository.list()).map((s) => s.id);
    candidates = open !== undefined && ids.includes(open) ? [open, ...ids.filter((id) => id !== open)] : ids;
  } catch (err) {
    return inMemory(fallback(), options.createId, err);
  }

  for (const id of candidates) {
    try {
      const chain = await repository.get(id);
      if (!chain) continue;
      const viewport = await repository.getViewport(id).catch(() => undefined);
      await repository.setOpenChainId(id).catch(() => undefined);
      return {
        chainId: id,
        doc: chain.doc,
        viewport,
        saved: true,
        rev: chain.rev,
        problem: joined(problems),
      };
    } catch (err) {
      const e = toPersistenceError(err);
      if (e.kind !== "corrupt") return inMemory(fallback(), options.createId, e);
      problems.push(`${capitalize(e.message)}; it was left as it is.`);
    }
  }

  const doc = fallback();
  try {
    const { id, rev } = await repository.create(doc);
    await repository.setOpenChainId(id).catch(() => undefined);
    return { chainId: id, doc, viewport: undefined, saved: true, rev, problem: joined(problems) };
  } catch (err) {
    return inMemory(doc, options.createId, err);
  }
}

function inMemory(doc: ChainDocument, createId: (() => string) | undefined, err: unknown): RestoredSession {
  const reason = toPersistenceError(err).message;
  return {
    chainId: (createId ?? newChainId)(),
    doc,
    viewport: undefined,
    saved: false,
    rev: undefined,
    problem: `Your saved chains could not be opened: ${reason}. Changes stay in this tab only.`,
  };
}

function joined(problems: string[]): string | undefined {
  return problems.length ? problems.join(" ") : undefined;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
