import {
  type Aggregator,
  type RunContext,
  Runnable,
  type RunnableConfig,
  RunnableParallel,
  RunnableSequence,
} from "../core/index.ts";
import type { CompileContext, Problem } from "./node-definition.ts";
import { displayName, withDefinition } from "./registry.ts";
import type { ChainDocument, ChainEdge, ChainNode } from "./schema.ts";
import { SharedRunnable } from "./shared-runnable.ts";
import { graphProblems } from "./graph-problems.ts";

export class CompileError extends Error {
  override name = "CompileError";
  constructor(readonly problems: Problem[]) {
    super(`The chain cannot run: ${problems.map((p) => p.message).join("; ")}`);
  }
}

/**
 * Compiles a document into one runnable with the same structure a person would write in LCEL: a
 * linear path is a sequence, edges with `targetHandle` into a node gather into a parallel map keyed by
 * handle, a node feeding several others runs once per run. Every node's run carries its name and
 * `metadata.node_id`, so each event belongs to a node.
 *
 * @example
 * const chain = compileDocument(doc, { createChatModel });
 * for await (const e of chain.streamEvents({ topic: "parrots" }, { version: "v2" })) ...
 */
export function compileDocument(doc: ChainDocument, ctx: CompileContext = {}): Runnable {
  const errors = graphProblems(doc).filter((p) => p.severity === "error");
  if (errors.length > 0) throw new CompileError(errors);
  return new CompiledChain(doc, ctx);
}

/** Builds the LCEL tree afresh for each run (shared nodes hold per-run state); leaves are built once. */
class CompiledChain extends Runnable {
  private readonly leaves = new Map<string, Runnable>();

  constructor(
    readonly doc: ChainDocument,
    private readonly ctx: CompileContext,
  ) {
    super();
    this.name = doc.name ?? "Chain";
    // Every node is built now, so a node that cannot be built fails compilation, not the first run.
    const problems: Problem[] = [];
    doc.nodes.forEach((node, i) => {
      try {
        this.leaf(node);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        problems.push({ path: `nodes[${i}]`, message: reason, nodeId: node.id, severity: "error" });
      }
    });
    if (problems.length > 0) throw new CompileError(problems);
  }

  protected _invoke(input: unknown, ctx: RunContext): Promise<unknown> {
    return this.build().invoke(input, ctx.config);
  }

  override invoke(input: unknown, config: RunnableConfig = {}): Promise<unknown> {
    return this.build().invoke(input, config);
  }

  override streamRun(
    input: AsyncIterable<unknown>,
    config: RunnableConfig,
    known: { value: unknown } | undefined,
  ) {
    return this.build().streamRun(input, config, known);
  }

  override outputAggregator(input: Aggregator<unknown>): Aggregator<unknown> {
    return this.build().outputAggregator(input);
  }

  private leaf(node: ChainNode): Runnable {
    let r = this.leaves.get(node.id);
    if (!r) {
      const compiled = withDefinition(node, (def, n) => def.compile(n, this.ctx));
      r = compiled.withConfig({ metadata: { node_id: node.id } });
      this.leaves.set(node.id, r);
    }
    return r;
  }

  /** The runnable tree for one run. */
  build(): Runnable {
    const { nodes, edges } = this.doc;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const incoming = new Map<string, ChainEdge[]>();
    const refs = new Map<string, number>();
    for (const e of edges) {
      const list = incoming.get(e.target);
      if (list) list.push(e);
      else incoming.set(e.target, [e]);
      refs.set(e.source, (refs.get(e.source) ?? 0) + 1);
    }
    const memo = new Map<string, Runnable>();
    const sub = (id: string): Runnable => {
      const done = memo.get(id);
      if (done) return done;
      // Walk back along the linear run that ends here, collecting its steps into one flat sequence
      // (what `a.pipe(b).pipe(c)` gives), without building a sequence per node: a long chain stays linear.
      const steps: Runnable[] = [];
      let at = byId.get(id)!;
      for (;;) {
        steps.push(this.leaf(at));
        const ins = incoming.get(at.id) ?? [];
        if (ins.length === 1 && ins[0]!.targetHandle === undefined) {
          const source = ins[0]!.source;
          if ((refs.get(source) ?? 0) > 1) steps.push(sub(source));
          else {
            at = byId.get(source)!;
            continue;
          }
        } else if (ins.length > 0) {
          const map: Record<string, Runnable> = {};
          for (const e of ins) map[e.targetHandle!] = sub(e.source);
          steps.push(new RunnableParallel(map));
        }
        break;
      }
      steps.reverse();
      let r = steps.length === 1 ? steps[0]! : RunnableSequence.from(steps);
      const count = refs.get(id) ?? 0;
      if (count > 1) r = new SharedRunnable(r, count);
      memo.set(id, r);
      return r;
    };
    const sinks = nodes.filter((n) => !refs.has(n.id));
    if (sinks.length === 1) return sub(sinks[0]!.id);
    const outputs: Record<string, Runnable> = {};
    for (const s of sinks) {
      // Keyed by name; two sinks with one name are told apart by id.
      let key = displayName(s);
      if (Object.hasOwn(outputs, key) || key === "__proto__") key = `${key}_${s.id}`;
      for (let n = 2; Object.hasOwn(outputs, key); n++) key = `${displayName(s)}_${s.id}_${n}`;
      outputs[key] = sub(s.id);
    }
    return new RunnableParallel(outputs);
  }
}
