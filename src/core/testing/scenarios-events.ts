/**
 * Test-only conformance scenarios on stream events: the guide's filters, runs nested in a lambda, and
 * tags and metadata through config inheritance, written once against a `Lib`.
 */
import { type AnyRunnable, type Lib, collectEvents, normalizeEvents } from "./conformance-harness.ts";
import { COUNTRIES_CHUNKS, COUNTRIES_QUESTION } from "./scenarios-data.ts";
import { JSON_END_INPUT, known } from "./scenarios-divergences.ts";

/** The guide's filter examples: by name, by type, by tag (with inherited tags and metadata). */
export async function filters(lib: Lib) {
  const named = () =>
    lib
      .model(COUNTRIES_CHUNKS.slice(0, 20))
      .withConfig({ runName: "model" })
      .pipe(new lib.JsonOutputParser().withConfig({ runName: "my_parser" }));
  const tagged = () =>
    lib
      .model(COUNTRIES_CHUNKS.slice(0, 20))
      .pipe(new lib.JsonOutputParser())
      .withConfig({ tags: ["my_chain"], metadata: { user: "u1" } });
  const events = async (build: () => AnyRunnable, f: Record<string, unknown>, parser?: string) => {
    const { events: raw } = await collectEvents(
      build().streamEvents(COUNTRIES_QUESTION, { version: "v2" }, f),
    );
    return normalizeEvents(raw, {
      canonicalName: (n) => lib.canonicalName(n),
      dropFirstRunInput: true,
      known: parser ? [known(parser, ["endInput"], JSON_END_INPUT)] : [],
    });
  };
  const tagParser = "JsonOutputParser[seq:step:2,my_chain]";
  return {
    byName: await events(named, { includeNames: ["my_parser"] }, "my_parser[seq:step:2]"),
    byType: await events(named, { includeTypes: ["chat_model"] }),
    byTag: await events(tagged, { includeTags: ["my_chain"] }, tagParser),
    excludeWins: await events(
      tagged,
      { includeTags: ["my_chain"], excludeTypes: ["chat_model", "chain"] },
      tagParser,
    ),
    orOfIncludes: await events(
      named,
      { includeNames: ["my_parser"], includeTypes: ["chat_model"] },
      "my_parser[seq:step:2]",
    ),
  };
}

/** Inner runs inside a lambda: connected only through the config passed in. */
export async function nestedRuns(lib: Lib) {
  const inner = () =>
    lib.ChatPromptTemplate.fromTemplate("reverse {word}")
      .pipe(lib.model(["ol", "leh"]))
      .pipe(new lib.StrOutputParser());
  const run = async (passConfig: boolean) => {
    const chain = inner();
    const outer = lib.RunnableLambda.from(async (word: string, config?: Record<string, unknown>) => {
      const out = (await (passConfig ? chain.invoke({ word }, config) : chain.invoke({ word }))) as string;
      return out + out;
    });
    const { events } = await collectEvents(outer.streamEvents("hello", { version: "v2" }));
    return normalizeEvents(events, { canonicalName: (n) => lib.canonicalName(n) });
  };
  return { withoutConfig: await run(false), withConfig: await run(true) };
}

/** Tags and metadata: withConfig, call config, inheritance, and step tags on direct children only. */
export async function configInheritance(lib: Lib) {
  const run = async (build: () => AnyRunnable, input: unknown, config: Record<string, unknown>) => {
    const { events } = await collectEvents(build().streamEvents(input, { version: "v2", ...config }));
    return normalizeEvents(events, { canonicalName: (n) => lib.canonicalName(n) }).runs;
  };
  const inner = () =>
    lib.RunnableLambda.from((x: string) => x).withConfig({
      tags: ["bound"],
      metadata: { k: "bound", only_bound: 1 },
    });
  const nested = () => {
    const chain = lib.ChatPromptTemplate.fromTemplate("{x}").pipe(lib.model(["a"]));
    return lib.RunnableLambda.from((x: string, config?: Record<string, unknown>) =>
      chain.invoke({ x }, config),
    );
  };
  return {
    // Bound tags before the call's; the call's metadata wins; step tags first, not inherited.
    layered: await run(
      () =>
        new lib.RunnablePassthrough()
          .pipe(inner())
          .withConfig({ tags: ["outer"], metadata: { k: "outer", user: "u" } }),
      "x",
      { tags: ["call"], metadata: { k: "call" } },
    ),
    // A runName given to the call wins over a bound one.
    runName: await run(() => inner().withConfig({ runName: "bound_name" }), "x", { runName: "call_name" }),
    // Runs started inside a lambda inherit tags and metadata but get no step tag of their own.
    nested: await run(() => new lib.RunnablePassthrough().pipe(nested()), "x", {
      tags: ["t"],
      metadata: { m: 1 },
    }),
    // A map's branches get map:key:K; a branch's own steps get seq:step:N only.
    mapped: await run(
      () =>
        lib.RunnableParallel.from({
          a: lib.RunnableSequence.from([new lib.RunnablePassthrough(), new lib.RunnablePassthrough()]),
        }),
      "x",
      { tags: ["t"] },
    ),
  };
}
