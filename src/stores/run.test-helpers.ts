/** Shared by the run tests (recorder, replay): a small chain's events, recorded with node ids. */
import { ChatPromptTemplate, ScriptedChatModel, type StreamEvent, StrOutputParser } from "../core/index.ts";

/**
 * The v2 events of one run of prompt (node `p`) | scripted model (`m`, streaming "Why did the
 * parrot" in four chunks) | string parser (`o`). With `failAfterChunks` the model fails after that
 * many chunks, and the events end with the failure.
 */
export async function jokeEvents(failAfterChunks?: number): Promise<StreamEvent[]> {
  const prompt = ChatPromptTemplate.fromTemplate("about {topic}").withConfig({ metadata: { node_id: "p" } });
  const model = new ScriptedChatModel({
    responses: [["Why", " did", " the", " parrot"]],
    ...(failAfterChunks !== undefined ? { failAfterChunks } : {}),
  }).withConfig({ metadata: { node_id: "m" } });
  const parser = new StrOutputParser().withConfig({ metadata: { node_id: "o" } });
  const events: StreamEvent[] = [];
  try {
    for await (const e of prompt.pipe(model).pipe(parser).streamEvents({ topic: "x" }, { version: "v2" }))
      events.push(e);
  } catch {
    // a scripted failure ends the stream
  }
  return events;
}
