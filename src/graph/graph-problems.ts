import { type Problem, nodeProblem } from "./node-definition.ts";
import { INPUT_PORT, type PortKind, connectionProblem, describeKind } from "./ports.ts";
import { displayName, withDefinition } from "./registry.ts";
import type { ChainDocument, ChainEdge, ChainNode } from "./schema.ts";
import { parseTemplate } from "../core/index.ts";
import { promptVariables } from "./nodes/prompt.ts";
import { findCycle } from "./topology.ts";

/** Problems of the graph as a whole, for a document that already matches the schema. */
export function graphProblems(doc: ChainDocument): Problem[] {
  const problems: Problem[] = [];
  if (doc.nodes.length === 0) {
    return [{ path: "nodes", message: "the chain is empty: add at least one node", severity: "error" }];
  }
  const byId = new Map<string, ChainNode>();
  doc.nodes.forEach((node, i) => {
    if (byId.has(node.id))
      problems.push(nodeProblem(node, `nodes[${i}].id`, `duplicate node id "${node.id}"`));
    else byId.set(node.id, node);
    problems.push(...withDefinition(node, (def, n) => def.validate(n, `nodes[${i}]`)));
  });
  const edgeIds = new Set<string>();
  const incoming = new Map<string, { edge: ChainEdge; index: number }[]>();
  doc.edges.forEach((edge, i) => {
    const at = `edges[${i}]`;
    const fail = (path: string, message: string) =>
      problems.push({ path, message, edgeId: edge.id, severity: "error" });
    if (edgeIds.has(edge.id)) fail(`${at}.id`, `duplicate edge id "${edge.id}"`);
    edgeIds.add(edge.id);
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) fail(`${at}.source`, `edge "${edge.id}" starts at unknown node "${edge.source}"`);
    if (!target) fail(`${at}.target`, `edge "${edge.id}" ends at unknown node "${edge.target}"`);
    if (!source || !target) return;
    if (source === target) fail(at, `edge "${edge.id}" connects "${displayName(source)}" to itself`);
    const list = incoming.get(target.id) ?? [];
    list.push({ edge, index: i });
    incoming.set(target.id, list);
    const why = edgeKindProblem(source, target, edge);
    if (why) fail(at, `"${displayName(source)}" → "${displayName(target)}": ${why}`);
  });
  for (const [targetId, edges] of incoming) {
    const target = byId.get(targetId)!;
    const seen = new Set<string>();
    for (const { edge, index } of edges) {
      if (edge.targetHandle === undefined) continue;
      if (seen.has(edge.targetHandle)) {
        problems.push(
          nodeProblem(
            target,
            `edges[${index}].targetHandle`,
            `two edges feed "${edge.targetHandle}" of "${displayName(target)}"`,
          ),
        );
      }
      seen.add(edge.targetHandle);
    }
    const bare = edges.filter((e) => e.edge.targetHandle === undefined);
    if (bare.length > 0 && edges.length > 1) {
      problems.push(
        nodeProblem(
          target,
          `edges[${bare[0]!.index}].targetHandle`,
          `"${displayName(target)}" has ${edges.length} incoming edges, so each needs a targetHandle naming the key its value enters under`,
        ),
      );
    }
  }
  doc.nodes.forEach((node, i) => {
    if (node.type !== "prompt") return;
    const edges = incoming.get(node.id) ?? [];
    if (edges.length === 0 || edges.some((e) => e.edge.targetHandle === undefined)) return;
    const fed = new Set(edges.map((e) => e.edge.targetHandle));
    for (const v of promptVariables(node)) {
      if (!fed.has(v) && !isPlaceholderVariable(node, v)) {
        problems.push(
          nodeProblem(
            node,
            `nodes[${i}]`,
            `prompt variable "${v}" of "${displayName(node)}" is fed by nothing`,
          ),
        );
      }
    }
  });
  const cycle = findCycle(doc);
  if (cycle) {
    const names = cycle.map((id) => displayName(byId.get(id)!));
    problems.push({
      path: "edges",
      message: `the chain has a cycle: ${[...names, names[0]].join(" → ")}`,
      nodeId: cycle[0]!,
      severity: "error",
    });
  }
  return problems;
}

/** Placeholders are optional (as in LangChain): a missing history means no messages. */
function isPlaceholderVariable(node: Extract<ChainNode, { type: "prompt" }>, v: string): boolean {
  return node.data.messages.some((m) => {
    if (m.role !== "placeholder") return false;
    try {
      return parseTemplate(m.template, node.data.templateFormat).variables.includes(v);
    } catch {
      return false;
    }
  });
}

/** Output kinds that are never an object of variables. */
const SINGLE_VALUE: ReadonlySet<PortKind> = new Set(["text", "message", "prompt", "documents"]);

/** Nodes that take their input as it is: a keyed object (what a targetHandle makes) can never work there. */
const WHOLE_INPUT: ReadonlySet<ChainNode["type"]> = new Set(["model", "parser", "retriever"]);

/** Why an edge cannot carry its source's output into its target's port, or undefined. */
export function edgeKindProblem(
  source: ChainNode,
  target: ChainNode,
  edge: Pick<ChainEdge, "targetHandle">,
): string | undefined {
  const out = withDefinition(source, (def, n) => def.outputs(n))[0];
  const inputs = withDefinition(target, (def, n) => def.inputs(n));
  if (!out) return `"${displayName(source)}" has no output`;
  const handle = edge.targetHandle;
  if (handle === "__proto__") return `"__proto__" cannot be the key of an input`;
  if (handle !== undefined && WHOLE_INPUT.has(target.type)) {
    return `"${displayName(target)}" takes its input as it is, so the edge must not name a targetHandle ("${handle}")`;
  }
  const port = handle === undefined ? inputs[0] : inputs.find((p) => p.id === handle);
  if (handle !== undefined && !port) {
    // A handle into a node with one input is a key of its input object: allowed for lambdas and passthroughs.
    if (target.type === "lambda" || target.type === "passthrough") return undefined;
    const known = inputs.map((p) => p.id).join(", ") || "none";
    return `"${displayName(target)}" has no input "${handle}" (its inputs: ${known})`;
  }
  if (handle === undefined && target.type === "prompt" && inputs.length !== 1 && SINGLE_VALUE.has(out.kind)) {
    // Text, a message or documents can only fill a prompt with exactly one variable.
    const vars = inputs.length === 0 ? "none" : `${inputs.length} (${inputs.map((p) => p.id).join(", ")})`;
    return `a ${describeKind(out.kind)} output fills exactly one variable, but "${displayName(target)}" has ${vars}: connect it to one of them`;
  }
  if (!port) return target.type === "prompt" ? undefined : `"${displayName(target)}" takes no input`;
  if (handle === undefined && port.id !== INPUT_PORT && target.type === "prompt") return undefined;
  return connectionProblem(out.kind, port.kind);
}

const problemCache = new WeakMap<ChainDocument, Problem[]>();

/**
 * `graphProblems`, computed once per document object: the editor's documents are immutable (each
 * change makes a new object), so the canvas, the inspector and the problems list share one pass.
 */
export function cachedGraphProblems(doc: ChainDocument): Problem[] {
  let problems = problemCache.get(doc);
  if (!problems) {
    problems = graphProblems(doc);
    problemCache.set(doc, problems);
  }
  return problems;
}
