import {
  type Runnable,
  type RunnableConfig,
  RunnableLambda,
  type StreamEvent,
  isAbortError,
  makeEventFilter,
  parseEventName,
} from "../core/index.ts";
import { type ChainDocument, type CompileContext, CompileError, compileDocument } from "../graph/index.ts";
import type { RunArgs } from "./args.ts";
import { DocumentError, UsageError } from "./errors.ts";
import { createNodeCodeRunner } from "./code-runner.ts";
import { FailureTracker } from "./failure.ts";
import { describeFsError, lambdaNodes, loadDocument, nodeLabel, nodeTitle, readText } from "./load.ts";
import { loadModelFactory, missingKeys } from "./models.ts";
import type { LineWriter } from "./output.ts";
import { formatJson } from "./serialize.ts";

export interface RunIo {
  stdout: LineWriter;
  /** One line on stderr (redacted). */
  error: (line: string) => void;
  env: Record<string, string | undefined>;
  /** Aborted by Ctrl+C (SIGINT) or when stdout's reader goes away. */
  signal: AbortSignal;
  /** True when the abort came from Ctrl+C (exit 130). */
  interrupted: () => boolean;
}

/**
 * `sluice run`: loads and checks the document, compiles it with the providers and (with
 * `--allow-code`) the Node code runner, and prints the output, the chunks or the events. Returns
 * the exit code; bad arguments and invalid documents throw UsageError / DocumentError (exit 2).
 *
 * Every mode runs traced (`streamEvents`), so a failure is attributed to the node whose run
 * reported it. `invoke` still calls the chain's `invoke` (through a lambda that passes the traced
 * config on, as SEMANTICS.md's config propagation allows), so its output is exactly `invoke`'s.
 */
export async function runCommand(args: RunArgs, io: RunIo): Promise<number> {
  const { document, warnings } = await loadDocument(args.file);
  for (const w of warnings) io.error(w);
  refuseCodeUnlessAllowed(document, args);
  const input = await readInput(args.input, document);

  const missing = missingKeys(document, io.env);
  if (missing.length > 0) {
    for (const { node, variable } of missing) {
      const provider = node.type === "model" ? node.data.provider : "?";
      io.error(
        `sluice: node "${nodeTitle(node)}" (id ${node.id}, provider ${provider}) needs ${variable}, which is not set`,
      );
    }
    return 1;
  }

  const tracker = new FailureTracker(document);
  const ctx: CompileContext = {};
  const createChatModel = await loadModelFactory(document, io.env, (err, node) => tracker.tag(err, node));
  if (createChatModel) ctx.createChatModel = createChatModel;
  if (args.allowCode) {
    const runner = createNodeCodeRunner({
      timeoutMs: args.codeTimeoutMs,
      log: (level, text, lambda) => io.error(`[${lambda}${level === "log" ? "" : ` ${level}`}] ${text}`),
    });
    // A lambda the runner cannot load fails the run at its node.
    const byCode = new Map(lambdaNodes(document).map((n) => [n.type === "lambda" ? n.data.code : "", n]));
    ctx.codeRunner = {
      load(code) {
        try {
          return runner.load(code);
        } catch (err) {
          tracker.tag(err, byCode.get(code));
          throw err;
        }
      },
    };
  }
  let chain: Runnable;
  try {
    chain = compileDocument(document, ctx);
  } catch (err) {
    if (err instanceof CompileError)
      throw new DocumentError(err.problems.map((p) => `${args.file}: ${p.message}`));
    io.error(tracker.describe(err));
    return 1;
  }

  try {
    if (args.mode === "invoke") await invokeMode(chain, input, io, tracker);
    else if (args.mode === "stream") await streamMode(chain, input, io, tracker);
    else await eventsMode(chain, input, args, io, tracker);
  } catch (err) {
    // A Ctrl+C that arrived while lambda code kept the event loop busy is read in the next poll
    // phase: two turns of the loop let its handler run before deciding between 1 and 130.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    if (io.interrupted()) {
      io.error("sluice: interrupted");
      return 130;
    }
    if (io.stdout.isClosed && isAbortError(err)) return 0;
    io.error(tracker.describe(err));
    return 1;
  }
  return 0;
}

async function invokeMode(chain: Runnable, input: unknown, io: RunIo, tracker: FailureTracker) {
  let output: unknown;
  const traced = RunnableLambda.from(async (value: unknown, config: RunnableConfig) => {
    output = await chain.invoke(value, config);
    return null;
  });
  for await (const event of traced.streamEvents(input, { version: "v2", signal: io.signal })) {
    tracker.observe(event);
  }
  await io.stdout.line(formatJson(output, true));
}

/** The chain's own chunks: the root run's stream events (one end output for runs that do not stream). */
async function streamMode(chain: Runnable, input: unknown, io: RunIo, tracker: FailureTracker) {
  let rootId: string | undefined;
  let streamed = false;
  for await (const event of chain.streamEvents(input, { version: "v2", signal: io.signal })) {
    tracker.observe(event);
    rootId ??= event.parent_ids?.length === 0 ? event.run_id : undefined;
    if (event.run_id !== rootId) continue;
    if ("chunk" in event.data) {
      streamed = true;
      await io.stdout.line(formatJson(event.data.chunk, false));
    } else if ("output" in event.data && !streamed) {
      // Prompts and retrievers report no chunks: their output is the one chunk `stream()` yields.
      await io.stdout.line(formatJson(event.data.output, false));
    }
  }
}

async function eventsMode(
  chain: Runnable,
  input: unknown,
  args: RunArgs,
  io: RunIo,
  tracker: FailureTracker,
) {
  // The filters are core's own rule, applied here so the failure is still seen when they hide it.
  const accept = makeEventFilter(args.filters);
  const events = chain.streamEvents(input, { version: args.eventsVersion, signal: io.signal });
  for await (const event of events as AsyncIterable<StreamEvent>) {
    tracker.observe(event);
    if (accept(event.name, parseEventName(event.event)[0], event.tags)) {
      await io.stdout.line(formatJson(event, false));
    }
  }
}

function refuseCodeUnlessAllowed(doc: ChainDocument, args: RunArgs): void {
  const lambdas = lambdaNodes(doc);
  if (lambdas.length === 0 || args.allowCode) return;
  throw new DocumentError([
    `${args.file}: refusing to run: the chain has lambda node${lambdas.length === 1 ? "" : "s"} ${lambdas.map(nodeLabel).join(", ")}, which run JavaScript.`,
    "Pass --allow-code to run them. They run in a node:vm context without process, require or the environment,",
    "but node:vm is not a security boundary: only allow code in chains you trust.",
  ]);
}

/** The input: `--input`, `--input-file`, else the document's `exampleInput`, else `{}`. */
async function readInput(input: RunArgs["input"], doc: ChainDocument): Promise<unknown> {
  if (input === undefined) return (doc as { exampleInput?: unknown }).exampleInput ?? {};
  let text: string;
  let from: string;
  if ("json" in input) {
    text = input.json;
    from = "--input";
  } else {
    from = `--input-file ${input.path}`;
    try {
      text = await readText(input.path);
    } catch (err) {
      throw new UsageError(`${from}: cannot read the file (${describeFsError(err)})`, "run");
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new UsageError(
      `${from} is not valid JSON (${reason}); a string input needs quotes: --input '"hello"'`,
      "run",
    );
  }
}
