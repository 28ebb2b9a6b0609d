/**
 * Test-only conformance scenarios on execution: failures, batch(), aborting, and parallel maps, written
 * once against a `Lib`.
 */
import { type Lib, collectInvoke, observe, toPlain } from "./conformance-harness.ts";
import { JOKE } from "./scenarios-data.ts";
import { LAMBDA_START, NESTED_SEQUENCE, known } from "./scenarios-divergences.ts";

/** Failures before and during streaming, and in a step after the stream. */
export async function errors(lib: Lib) {
  const options = { dropErrors: true };
  return {
    beforeFirstChunk: await observe(
      lib,
      () => lib.failingModel(JOKE, 0, "provider down").pipe(new lib.StrOutputParser()),
      "tell me a joke",
      options,
    ),
    duringStream: await observe(
      lib,
      () => lib.failingModel(JOKE, 3, "connection reset").pipe(new lib.StrOutputParser()),
      "tell me a joke",
      options,
    ),
    inLambdaAfterStream: await observe(
      lib,
      () =>
        lib
          .model(JOKE)
          .pipe(new lib.StrOutputParser())
          .pipe((text: string) => {
            throw new TypeError(`cannot handle ${text.length} characters`);
          }),
      "tell me a joke",
      { ...options, known: [known("RunnableLambda[seq:step:3]", ["startInput"], LAMBDA_START)] },
    ),
  };
}

/** batch(): results in input order, maxConcurrency from config or options, returnExceptions. */
export async function batching(lib: Lib) {
  const counter = { active: 0, max: 0 };
  const lambda = lib.RunnableLambda.from(async (x: number) => {
    counter.active++;
    counter.max = Math.max(counter.max, counter.active);
    await new Promise((resolve) => setTimeout(resolve, 1));
    counter.active--;
    if (x === 3) throw new RangeError("three is not allowed");
    return x * 10;
  });
  const maxOf = async (run: () => Promise<unknown>) => {
    counter.max = 0;
    const result = toPlain(await run());
    return { result, maxActive: counter.max };
  };
  const inputs = [1, 2, 4, 5, 6, 7];
  return {
    fromConfig: await maxOf(() => lambda.batch(inputs, { maxConcurrency: 2 })),
    fromOptions: await maxOf(() => lambda.batch(inputs, {}, { maxConcurrency: 3 })),
    unlimited: await maxOf(() => lambda.batch(inputs)),
    bound: await maxOf(() => lambda.withConfig({ maxConcurrency: 2 }).batch(inputs)),
    returnExceptions: await maxOf(() => lambda.batch([1, 3, 5], {}, { returnExceptions: true })),
    // Last: the other calls of a rejected batch keep running.
    rejected: await lambda.batch([1, 3, 5]).then(
      () => undefined,
      (err: unknown) => toPlain(err),
    ),
  };
}

/** Aborting a stream: chunks before the abort, then AbortError. */
export async function abortMidStream(lib: Lib) {
  const controller = new AbortController();
  const chain = lib.model(JOKE).pipe(new lib.StrOutputParser());
  const chunks: unknown[] = [];
  let error: unknown;
  try {
    for await (const chunk of await chain.stream("tell me a joke", { signal: controller.signal })) {
      chunks.push(chunk);
      if (chunks.length === 2) controller.abort();
    }
  } catch (err) {
    error = err;
  }
  const aborted = new AbortController();
  aborted.abort();
  const preAborted = await collectInvoke(() => chain.invoke("tell me a joke", { signal: aborted.signal }));
  return { chunks, error: toPlain(error), preAborted };
}

/** A parallel map streams one single-key object per branch chunk; invoke gives the merged object. */
export async function parallelMap(lib: Lib) {
  const build = () =>
    lib.RunnableParallel.from({
      joke: lib.ChatPromptTemplate.fromTemplate("a joke about {topic}")
        .pipe(lib.model(["Why", " not"]))
        .pipe(new lib.StrOutputParser()),
      // Wrapped so the arrow gets no name from its key (names are a "differ" row).
      topic: lib.RunnableLambda.from((x: { topic: string }) => x.topic.toUpperCase()),
    });
  const obs = await observe(
    lib,
    build,
    { topic: "parrot" },
    {
      unordered: ["<map>[]"],
      known: [
        known("RunnableSequence[map:key:joke]", ["startInput", "stream"], NESTED_SEQUENCE),
        known("RunnableLambda[map:key:topic]", ["startInput"], LAMBDA_START),
      ],
    },
  );
  // Arrival order across branches is a race in both libraries: compare the chunks as a set.
  const sorted = obs.stream.chunks.map((c) => JSON.stringify(c)).sort();
  return { ...obs, stream: { ...obs.stream, chunks: sorted } };
}
