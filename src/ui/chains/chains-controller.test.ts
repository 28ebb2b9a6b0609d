import { describe, expect, it } from "vitest";
import {
  MemoryBackend,
  createAutosave,
  createChainRepository,
  createDocumentStore,
} from "../../stores/index.ts";
import { instantJokeDocument } from "../testing/test-services.tsx";
import { ChainsController } from "./chains-controller.ts";

const named = (name: string) => ({ ...instantJokeDocument(), name });

describe("chains controller, with another tab saving the open chain", () => {
  it("switches nothing until the user chooses, and deletes nothing", async () => {
    const repo = createChainRepository(new MemoryBackend());
    const { id, rev } = await repo.create(named("Shared"));
    const { id: otherId } = await repo.create(named("Other"));
    const documents = createDocumentStore(named("Shared"));
    const autosave = createAutosave(documents, repo, { chainId: id, rev });
    let switches = 0;
    const chains = new ChainsController(repo, autosave, documents, () => switches++);
    chains.state.setState({ openId: id });

    await repo.put(id, named("Theirs"), rev); // another tab saved first
    documents.getState().change("Rename", (d) => void (d.name = "Mine"));
    expect(await chains.openNew(named("Imported"))).toBe(false);
    expect(await chains.open(otherId)).toBe(false);
    await chains.remove(id, () => named("Fallback"));
    expect(autosave.status().state).toBe("conflict");
    expect(documents.getState().doc.name).toBe("Mine");
    expect(switches).toBe(0);
    expect((await repo.list()).map((c) => c.name).sort()).toEqual(["Other", "Theirs"]);

    // Keep mine: this tab's version is stored, and switching works again.
    await chains.resolveConflict("mine");
    expect((await repo.get(id))?.doc.name).toBe("Mine");
    expect(await chains.openNew(named("Imported"))).toBe(true);
    expect(documents.getState().doc.name).toBe("Imported");
    expect(switches).toBe(1);
  });

  it("a chain that cannot be stored opens in memory under an id of its own", async () => {
    const backend = new MemoryBackend();
    const repo = createChainRepository(backend);
    const { id, rev } = await repo.create(named("Before"));
    const documents = createDocumentStore(named("Before"));
    const autosave = createAutosave(documents, repo, { chainId: id, rev });
    const chains = new ChainsController(repo, autosave, documents, () => undefined);
    chains.state.setState({ openId: id });
    backend.failWith = new DOMException("The quota has been exceeded.", "QuotaExceededError");
    expect(await chains.openNew(named("Imported"))).toBe(true);
    expect(documents.getState().doc.name).toBe("Imported");
    expect(autosave.chainId).not.toBe(id);
    // Storage comes back: the next save goes to the new chain, never over the one open before.
    backend.failWith = undefined;
    documents.getState().change("Rename", (d) => void (d.name = "Imported, edited"));
    expect(await autosave.flush()).toBe(true);
    expect((await repo.get(id))?.doc.name).toBe("Before");
    expect((await repo.get(autosave.chainId))?.doc.name).toBe("Imported, edited");
  });
});
