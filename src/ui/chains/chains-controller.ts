import { createStore } from "zustand/vanilla";
import type { ChainDocument } from "../../graph/index.ts";
import {
  type Autosave,
  type AutosaveStatus,
  type ChainRepository,
  type ChainSummary,
  type DocumentStore,
  newChainId,
} from "../../stores/index.ts";

export interface ChainsState {
  list: ChainSummary[];
  openId: string;
  save: AutosaveStatus;
  /** A problem the user should see (storage refused, a chain could not be opened). */
  notice: string | undefined;
}

/**
 * The user's chains: list, create, open, rename, duplicate, delete. The open chain autosaves; a
 * failed save never loses the document in memory.
 */
export class ChainsController {
  readonly state;

  constructor(
    private readonly repository: ChainRepository,
    private readonly autosave: Autosave,
    private readonly documents: DocumentStore,
    private readonly beforeSwitch: () => void,
  ) {
    this.state = createStore<ChainsState>()(() => ({
      list: [],
      openId: autosave.chainId,
      save: autosave.status(),
      notice: undefined,
    }));
    void this.refresh();
  }

  setSaveStatus(save: AutosaveStatus): void {
    this.state.setState({ save });
    if (save.state === "saved") void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      this.state.setState({ list: await this.repository.list() });
    } catch (err) {
      this.notify(err);
    }
  }

  /**
   * Opens a document as a new saved chain (new, import, example, share link). False when the open
   * chain has changes another tab's save conflicts with: the user chooses first (Keep mine / Load
   * theirs), and nothing changes meanwhile.
   */
  async openNew(doc: ChainDocument): Promise<boolean> {
    if (!(await this.switchable())) return false;
    this.beforeSwitch();
    try {
      const { id, rev } = await this.repository.create(doc);
      await this.autosave.open(id, doc, { discardUnsaved: false, rev });
      this.state.setState({ openId: id });
    } catch (err) {
      // Storage refused: the chain still opens, in memory only, under an id of its own (so a later
      // save can never land on the chain that was open before).
      await this.autosave.open(newChainId(), doc, { discardUnsaved: true });
      this.notify(err);
    }
    await this.refresh();
    return true;
  }

  /** Opens a stored chain; false when it did not (see `openNew`, or a notice says why). */
  async open(id: string): Promise<boolean> {
    if (id === this.state.getState().openId) return true;
    if (!(await this.switchable())) return false;
    this.beforeSwitch();
    try {
      const stored = await this.repository.get(id);
      if (!stored) throw new Error("That chain no longer exists.");
      await this.autosave.open(id, stored.doc, { rev: stored.rev });
      this.state.setState({ openId: id });
      return true;
    } catch (err) {
      this.notify(err);
      return false;
    }
  }

  /** Stores the open chain's pending changes; false only when another tab's save conflicts with them. */
  private async switchable(): Promise<boolean> {
    await this.autosave.flush();
    return this.autosave.status().state !== "conflict";
  }

  async rename(id: string, name: string): Promise<void> {
    // The open chain is renamed through the document, or the next autosave would undo it.
    if (id === this.state.getState().openId) {
      this.documents.getState().change("Rename chain", (doc) => {
        doc.name = name.trim() || "Untitled chain";
      });
      await this.autosave.flush();
    } else await this.guard(() => this.repository.rename(id, name));
    await this.refresh();
  }

  async duplicate(id: string): Promise<void> {
    if (id === this.state.getState().openId) await this.autosave.flush();
    await this.guard(() => this.repository.duplicate(id));
    await this.refresh();
  }

  /** Deletes a chain; deleting the open one first opens another (or a new empty chain). */
  async remove(id: string, fallback: () => ChainDocument): Promise<void> {
    if (id === this.state.getState().openId) {
      const other = this.state.getState().list.find((c) => c.id !== id);
      const left = other ? await this.open(other.id) : await this.openNew(fallback());
      // Still open (a conflict to resolve first, or storage failed): deleting it now would lose it.
      if (!left) return;
    }
    await this.guard(() => this.repository.delete(id));
    await this.refresh();
  }

  /** After another tab saved the open chain: keep this tab's version over it, or load theirs. */
  async resolveConflict(choice: "mine" | "theirs"): Promise<void> {
    await this.autosave.resolveConflict(choice);
    await this.refresh();
  }

  dismissNotice(): void {
    this.state.setState({ notice: undefined });
  }

  private async guard(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.notify(err);
    }
  }

  private notify(err: unknown): void {
    this.state.setState({ notice: err instanceof Error ? err.message : String(err) });
  }
}
