import { describe, expect, it } from "vitest";
import type { ChainDocument } from "../graph/index.ts";
import { documentActions } from "./document-actions.ts";
import { createDocumentStore } from "./document-store.ts";

const empty = (): ChainDocument => ({
  format: "sluice.chain",
  version: 1,
  name: "Test",
  nodes: [],
  edges: [],
});

function setup() {
  const store = createDocumentStore(empty());
  let n = 0;
  const actions = documentActions(store, (prefix) => `${prefix}${++n}`);
  return { store, actions, doc: () => store.getState().doc };
}

describe("document store", () => {
  it("undoes and redoes each action as one entry", () => {
    const { store, actions, doc } = setup();
    const p = actions.addNode("prompt", { x: 0, y: 0 });
    const m = actions.addNode("model", { x: 300, y: 0 });
    actions.connect({ source: p, target: m });
    expect(doc().edges).toHaveLength(1);
    store.getState().undo();
    expect(doc().edges).toHaveLength(0);
    expect(doc().nodes).toHaveLength(2);
    store.getState().undo();
    expect(doc().nodes.map((x) => x.id)).toEqual([p]);
    store.getState().redo();
    store.getState().redo();
    expect(doc().edges).toEqual([{ id: "e3", source: p, target: m }]);
  });

  it("makes a whole drag one history entry", () => {
    const { store, actions, doc } = setup();
    const p = actions.addNode("prompt", { x: 0, y: 0 });
    for (let i = 1; i <= 20; i++) actions.moveNodes({ [p]: { x: i * 5, y: i } }, "drag-1");
    store.getState().endGesture();
    expect(doc().nodes[0]!.position).toEqual({ x: 100, y: 20 });
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(doc().nodes[0]!.position).toEqual({ x: 0, y: 0 });
    actions.moveNodes({ [p]: { x: 1, y: 1 } }, "drag-2");
    actions.moveNodes({ [p]: { x: 2, y: 2 } }, "drag-3");
    expect(store.getState().history.past).toHaveLength(3);
  });

  it("deleting a node removes its edges, and undo brings both back", () => {
    const { store, actions, doc } = setup();
    const p = actions.addNode("prompt", { x: 0, y: 0 });
    const m = actions.addNode("model", { x: 1, y: 0 });
    const o = actions.addNode("parser", { x: 2, y: 0 });
    actions.connect({ source: p, target: m });
    actions.connect({ source: m, target: o });
    actions.removeElements([m]);
    expect(doc().nodes.map((x) => x.id)).toEqual([p, o]);
    expect(doc().edges).toEqual([]);
    store.getState().undo();
    expect(doc().edges).toHaveLength(2);
  });

  it("keeps selection out of history and prunes it on undo", () => {
    const { store, actions } = setup();
    const p = actions.addNode("prompt", { x: 0, y: 0 });
    const before = store.getState().history.past.length;
    store.getState().select({ nodes: [p], edges: [] });
    expect(store.getState().history.past.length).toBe(before);
    store.getState().undo();
    expect(store.getState().selection.nodes).toEqual([]);
  });

  it("typing into one field is one entry; another field starts a new one", () => {
    const { store, actions, doc } = setup();
    const o = actions.addNode("parser", { x: 0, y: 0 });
    const p = actions.addNode("prompt", { x: 0, y: 0 });
    actions.setData(p, "templateFormat", "mustache");
    actions.setData(p, "templateFormat", "f-string");
    actions.setData(o, "parser", "json");
    expect(store.getState().history.past).toHaveLength(4);
    store.getState().undo();
    expect(doc().nodes[0]!.data).toEqual({ parser: "str" });
  });

  it("paste copies nodes with the edges between them under new ids", () => {
    const { actions, doc } = setup();
    const p = actions.addNode("prompt", { x: 0, y: 0 });
    const m = actions.addNode("model", { x: 300, y: 0 });
    actions.connect({ source: p, target: m });
    const copies = actions.paste(doc().nodes, doc().edges);
    expect(copies).toHaveLength(2);
    expect(doc().nodes).toHaveLength(4);
    const copied = doc().edges.find((e) => e.source === copies[0]);
    expect(copied?.target).toBe(copies[1]);
    expect(doc().nodes[2]!.position).toEqual({ x: 40, y: 40 });
  });

  it("refuses prototype paths in data edits", () => {
    const { actions } = setup();
    const p = actions.addNode("prompt", { x: 0, y: 0 });
    actions.setData(p, "__proto__.polluted", true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a new connection into a taken handle replaces the old one", () => {
    const { actions, doc } = setup();
    const a = actions.addNode("passthrough", { x: 0, y: 0 });
    const b = actions.addNode("passthrough", { x: 0, y: 0 });
    const p = actions.addNode("prompt", { x: 0, y: 0 });
    actions.connect({ source: a, target: p, targetHandle: "topic" });
    actions.connect({ source: b, target: p, targetHandle: "topic" });
    expect(doc().edges.map((e) => e.source)).toEqual([b]);
  });
});
