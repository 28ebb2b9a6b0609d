/**
 * The chains and the streamed texts of the run benchmark. Every chunk starts with a marker
 * `[stream:index]` so the page can tell which chunk it is showing and the bench can match it to
 * the moment the mock server wrote it.
 */

/** A remote model the browser reaches over real HTTP: an OpenAI-compatible server needs no key. */
function modelNode(id: string, name: string, baseUrl: string, position: { x: number; y: number }) {
  return {
    id,
    type: "model",
    name,
    position,
    data: { provider: "openai-compatible", model: "bench-model", baseUrl },
  };
}

function parserNode(id: string, name: string, position: { x: number; y: number }) {
  return { id, type: "parser", name, position, data: { parser: "str" } };
}

function promptNode() {
  return {
    id: "prompt",
    type: "prompt",
    name: "ask",
    position: { x: 0, y: 0 },
    data: { messages: [{ role: "human", template: "tell me about {topic}" }] },
  };
}

export const fanOutModelName = (k: number) => `model_${k}`;

/**
 * One prompt fanned out to `baseUrls.length` model nodes, each followed by a string parser: the
 * graph compiles the prompt to a shared run and the eight branches to one parallel map.
 */
export function fanOutChain(baseUrls: string[]) {
  const nodes: unknown[] = [promptNode()];
  const edges: { id: string; source: string; target: string }[] = [];
  baseUrls.forEach((baseUrl, k) => {
    const col = k % 4;
    const row = Math.floor(k / 4);
    nodes.push(modelNode(`m${k}`, fanOutModelName(k), baseUrl, { x: 330 + col * 300, y: row * 560 }));
    nodes.push(parserNode(`o${k}`, `text_${k}`, { x: 330 + col * 300, y: row * 560 + 280 }));
    edges.push({ id: `pm${k}`, source: "prompt", target: `m${k}` });
    edges.push({ id: `mo${k}`, source: `m${k}`, target: `o${k}` });
  });
  return { format: "sluice.chain", version: 1, name: "Bench: 8 models at once", nodes, edges };
}

export const singleModelName = "big_model";

/** prompt -> one model -> string parser, like the joke example but remote. */
export function singleChain(baseUrl: string) {
  return {
    format: "sluice.chain",
    version: 1,
    name: "Bench: 1 MB answer",
    nodes: [
      promptNode(),
      modelNode("m", singleModelName, baseUrl, { x: 330, y: 0 }),
      parserNode("o", "big_text", { x: 660, y: 0 }),
    ],
    edges: [
      { id: "pm", source: "prompt", target: "m" },
      { id: "mo", source: "m", target: "o" },
    ],
  };
}

const marker = (stream: number, index: number) => `[${stream}:${String(index).padStart(4, "0")}]`;

/** `count` chunks of exactly `chars` characters, each starting with its marker. */
export function markedText(stream: number, count: number, chars: number): string {
  const filler =
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt. ";
  let out = "";
  for (let i = 0; i < count; i++) {
    const head = marker(stream, i);
    let body = "";
    while (body.length < chars - head.length - 1) body += filler;
    // Long chunks end in a newline so a big output has lines, as prose or code would.
    out +=
      head + (chars > head.length ? body.slice(0, chars - head.length - 1) + (chars > 40 ? "\n" : " ") : "");
  }
  return out;
}

/** Finds every marker of `stream` in a text, for checking what was sent. */
export function markerCount(text: string, stream: number): number {
  return [...text.matchAll(/\[(\d+):(\d+)\]/g)].filter((m) => Number(m[1]) === stream).length;
}
