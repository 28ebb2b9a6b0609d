import { describe, expect, it } from "vitest";
import type { Scenario, StreamWrite } from "./server.ts";
import { splitJsonLines } from "./sse.ts";
import { bytes, mock, paths, post, reads, sseJson, streamRequest, text } from "./test-helpers.ts";
import { cutPieces } from "./writer.ts";

const UTF8_TEXT = "héllo wörld — 漢字 😀 ✓ done";
const body = {
  model: "gpt-4o-mini",
  messages: [],
  stream: true,
  stream_options: { include_obfuscation: false },
};

describe("pieceBytes", () => {
  it("cuts at fixed byte offsets, inside UTF-8 characters too", () => {
    const buf = Buffer.from("a😀b", "utf8");
    const pieces = cutPieces(buf, 3);
    expect(pieces.map((p) => p.length)).toEqual([3, 3]);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(pieces[0])).toThrow();
    expect(Buffer.concat(pieces).equals(buf)).toBe(true);
  });

  it.each(["openai", "anthropic", "gemini", "ollama"] as const)(
    "%s: reassembled pieces equal the unchunked bytes",
    async (provider) => {
      const m = await mock();
      const same: Scenario = {
        text: UTF8_TEXT,
        reasoning: "ré",
        id: "fixed",
        usage: { input: 1, output: 9 },
      };
      m.script({ ...same }, { ...same, pieceBytes: 7, delayMs: 1 });
      const whole = await bytes(await streamRequest(m, provider));
      const { chunks } = await reads(await streamRequest(m, provider));
      expect(Buffer.concat(chunks).equals(whole)).toBe(true);
      // Pieces may coalesce on a busy machine; most must arrive separately.
      expect(chunks.length).toBeGreaterThan(whole.length / 7 / 2);
    },
  );

  it("splits SSE lines and CRLF pairs across reads", async () => {
    const m = await mock();
    m.script({ text: "x", pieceBytes: 1, delayMs: 1, id: "r" });
    const { chunks } = await reads(await streamRequest(m, "gemini"));
    const joined = Buffer.concat(chunks).toString();
    expect(joined.endsWith("\r\n\r\n")).toBe(true);
    // Some read ends on the CR of a CRLF: the trap where a parser must wait for the next byte.
    expect(chunks.some((c) => c.at(-1) === 0x0d)).toBe(true);
  });
});

describe("pacing", () => {
  it("delayMs spaces the writes", async () => {
    const m = await mock();
    m.script({ text: "a b c d", delayMs: 40 });
    const t0 = performance.now();
    await text(await streamRequest(m, "ollama"));
    // 5 lines: 4 gaps of 40 ms.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(150);
  });

  it("tokens mode makes one event per N characters", async () => {
    const m = await mock();
    m.script({ text: "abcdefg", tokens: { chars: 3 } });
    const deltas = sseJson(await text(await post(m.url + paths.openai, body)))
      .slice(1, -2)
      .map((c) => (c as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content);
    expect(deltas).toEqual(["abc", "def", "g"]);
  });

  it("holds a tokens-per-second rate across 8 concurrent streams", async () => {
    const m = await mock();
    const scenario: Scenario = { text: "x".repeat(500), tokens: { chars: 1, perSecond: 500 } };
    m.script(...Array<Scenario>(8).fill(scenario));
    const t0 = performance.now();
    const bodies = await Promise.all(
      Array.from({ length: 8 }, async () => text(await streamRequest(m, "ollama"))),
    );
    const elapsed = performance.now() - t0;
    for (const b of bodies)
      expect(b.split("\n").filter((l) => l.includes('"content":"x"'))).toHaveLength(500);
    // 501 lines at 500/s: about one second.
    expect(elapsed).toBeGreaterThan(900);
    expect(elapsed).toBeLessThan(2500);
  });
});

describe("onWrite", () => {
  it("reports every body write in order, with the request and an epoch time", async () => {
    const writes: StreamWrite[] = [];
    const m = await mock({ onWrite: (w) => writes.push(w) });
    m.script({ text: "abcdefgh", tokens: { chars: 2, perSecond: 200 } });
    const before = performance.timeOrigin + performance.now();
    const received = await text(await post(m.url + paths.openai, body));
    const after = performance.timeOrigin + performance.now();
    expect(Buffer.concat(writes.map((w) => w.bytes)).toString("utf8")).toBe(received);
    // Paced at 200/s, the events go out in several writes, not one.
    expect(writes.length).toBeGreaterThan(2);
    expect(writes.every((w) => w.request === m.requests[0])).toBe(true);
    const times = writes.map((w) => w.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(before);
    expect(times.at(-1)).toBeLessThanOrEqual(after);
  });

  it("is not called for answers that are not streamed", async () => {
    const writes: StreamWrite[] = [];
    const m = await mock({ onWrite: (w) => writes.push(w) });
    await text(await post(m.url + paths.openai, { ...body, stream: false }));
    expect(m.requests[0]!.status).toBe(200);
    expect(writes).toEqual([]);
  });
});

describe("SSE edge-case toggles keep the events a conforming parser sees", () => {
  const baseline = async (extra: Scenario) => {
    const m = await mock();
    m.script({ text: "a b", id: "same" }, { text: "a b", id: "same", ...extra });
    const plain = await text(await post(m.url + paths.openai, body));
    const varied = await text(await post(m.url + paths.openai, body));
    expect(sseJson(varied)).toEqual(sseJson(plain));
    return varied;
  };

  it("bom: a leading U+FEFF", async () => {
    const raw = Buffer.from(await baseline({ bom: true }), "utf8");
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("lineEnding crlf / cr / mixed", async () => {
    expect(await baseline({ lineEnding: "crlf" })).not.toMatch(/[^\r]\n/);
    expect(await baseline({ lineEnding: "cr" })).not.toContain("\n");
    const mixed = await baseline({ lineEnding: "mixed" });
    expect(mixed).toMatch(/[^\r]\n/);
    expect(mixed).toContain("\r\n");
    expect(mixed).toMatch(/\r[^\n]/);
  });

  it("comments: a comment-only block first and a comment line in every event", async () => {
    const raw = await baseline({ comments: true });
    expect(raw.startsWith(": keep-alive\n\n: keep-alive\ndata: ")).toBe(true);
    const own = await baseline({ comments: "OPENROUTER PROCESSING" });
    expect(own).toContain(": OPENROUTER PROCESSING\n");
  });

  it("multiLineData: one JSON payload over several data: lines", async () => {
    const raw = await baseline({ multiLineData: true });
    expect(raw).toContain('data: {"id":"same",\ndata: "object":"chat.completion.chunk",\n');
    expect(raw).toContain("data: [DONE]\n\n");
  });

  it("Gemini keeps CRLF by default and can be switched to LF", async () => {
    const m = await mock();
    m.script({ lineEnding: "lf" });
    expect(await text(await streamRequest(m, "gemini"))).not.toContain("\r");
  });

  it("splits JSON only between tokens, never inside strings", () => {
    const json = JSON.stringify({ a: "x,y", b: [1, 2], c: { d: "}," } });
    const lines = splitJsonLines(json);
    expect(lines).toEqual(['{"a":"x,y",', '"b":[1,2],', '"c":{"d":"},"}}']);
    expect(JSON.parse(lines.join("\n"))).toEqual(JSON.parse(json));
  });
});
