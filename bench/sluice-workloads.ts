import {
  ChatPromptTemplate,
  JsonOutputParser,
  ScriptedChatModel,
  StrOutputParser,
} from "../src/core/index.ts";
import { chunks, time } from "./util.ts";

const tokens = (n: number) => Array.from({ length: n }, (_, i) => `t${i % 10} `);

function chain(n: number) {
  const model = new ScriptedChatModel({ responses: [tokens(n)], usage: false });
  return ChatPromptTemplate.fromTemplate("tell me about {topic}").pipe(model).pipe(new StrOutputParser());
}

export async function streamChain(n: number): Promise<number> {
  const c = chain(n);
  return time(async () => {
    let count = 0;
    for await (const _ of await c.stream({ topic: "parrots" })) count++;
    if (count !== n) throw new Error(`expected ${n} chunks, got ${count}`);
  });
}

export async function streamEventsChain(n: number): Promise<{ ms: number; events: number }> {
  const c = chain(n);
  let events = 0;
  const ms = await time(async () => {
    for await (const _ of c.streamEvents({ topic: "parrots" }, { version: "v2" })) events++;
  });
  return { ms, events };
}

export async function jsonStream(doc: string): Promise<number> {
  const model = new ScriptedChatModel({ responses: [chunks(doc, 3)], usage: false });
  const c = model.pipe(new JsonOutputParser());
  return time(async () => {
    let last: unknown;
    for await (const v of await c.stream("go")) last = v;
    if (JSON.stringify(last) !== JSON.stringify(JSON.parse(doc))) throw new Error("JSON result differs");
  });
}

/** Three nested async generators passing n chunks: what any streaming pipeline costs at least. */
export async function bareGenerators(n: number): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/require-await -- a source with no awaits, like a scripted model
  async function* source() {
    for (let i = 0; i < n; i++) yield `t${i}`;
  }
  async function* pass(input: AsyncIterable<string>) {
    for await (const x of input) yield x;
  }
  return time(async () => {
    let count = 0;
    for await (const _ of pass(pass(source()))) count++;
    if (count !== n) throw new Error("count");
  });
}
