import { Runnable, type RunnableLike, compose } from "../runnable.ts";
import { RunnableLambda } from "./lambda.ts";
import { RunnableParallel } from "./parallel.ts";

/** Functions become lambdas and plain objects parallel maps, as in LangChain's `pipe`. */
export function coerceToRunnable(thing: RunnableLike): Runnable {
  if (thing instanceof Runnable) return thing;
  if (typeof thing === "function") return new RunnableLambda(thing as never);
  if (thing && typeof thing === "object" && !Array.isArray(thing)) {
    return RunnableParallel.from(thing as Record<string, RunnableLike>);
  }
  throw new TypeError(`Expected a runnable, a function or an object of them, but got ${String(thing)}.`);
}

compose.coerce = coerceToRunnable;
