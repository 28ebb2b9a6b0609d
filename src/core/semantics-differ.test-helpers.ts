/** Test-only helpers shared by the semantics-differ*.test.ts files (nothing here imports @langchain). */
import {
  ChatPromptTemplate,
  type Runnable,
  ScriptedChatModel,
  type StreamEvent,
  StrOutputParser,
} from "./index.ts";
import { JOKE } from "./testing/scenarios.ts";

export const model = (
  chunks: string[],
  extra: Partial<ConstructorParameters<typeof ScriptedChatModel>[0]> = {},
) => new ScriptedChatModel({ responses: [chunks], usage: false, ...extra });
export async function events<I>(
  runnable: Runnable<I, unknown>,
  input: I,
  options: Parameters<Runnable["streamEvents"]>[1] = { version: "v2" },
  filters: Parameters<Runnable["streamEvents"]>[2] = {},
): Promise<{ events: StreamEvent[]; error: unknown }> {
  const out: StreamEvent[] = [];
  try {
    for await (const e of runnable.streamEvents(input, options, filters)) out.push(e);
    return { events: out, error: undefined };
  } catch (error) {
    return { events: out, error };
  }
}

export interface LooseEvent {
  event: string;
  name: string;
  run_id: string;
  data: Record<string, unknown>;
}

export async function lcEvents(
  runnable: { streamEvents: (...args: never[]) => AsyncIterable<unknown> },
  input: unknown,
  options: Record<string, unknown> = { version: "v2" },
  filters: Record<string, unknown> = {},
): Promise<LooseEvent[]> {
  const out: LooseEvent[] = [];
  const stream = (runnable.streamEvents as (...a: unknown[]) => AsyncIterable<LooseEvent>)(
    input,
    options,
    filters,
  );
  for await (const e of stream) out.push(e);
  return out;
}

export const brief = (e: { event: string; name: string }) => `${e.event} ${e.name}`;

export async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export const jokeChain = () =>
  ChatPromptTemplate.fromTemplate("tell me a joke about {topic}")
    .pipe(model(JOKE))
    .pipe(new StrOutputParser());
