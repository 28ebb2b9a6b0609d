import { AIMessageChunk } from "@langchain/core/messages";
import { JsonOutputParser, StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { chunks, time } from "./util.ts";

const tokens = (n: number) => Array.from({ length: n }, (_, i) => new AIMessageChunk(`t${i % 10} `));

function chain(n: number) {
  const model = new FakeStreamingChatModel({ chunks: tokens(n) });
  return ChatPromptTemplate.fromTemplate("tell me about {topic}").pipe(model).pipe(new StringOutputParser());
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
  const model = new FakeStreamingChatModel({ chunks: chunks(doc, 3).map((c) => new AIMessageChunk(c)) });
  const c = model.pipe(new JsonOutputParser());
  return time(async () => {
    for await (const _ of await c.stream("go"));
  });
}
