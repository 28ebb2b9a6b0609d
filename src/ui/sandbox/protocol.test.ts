import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHANNEL,
  claimsSandboxChannel,
  parseFrameMessage,
  parseHostMessage,
  parseWorkerMessage,
} from "./protocol.ts";

const token = "0123456789abcdef0123456789abcdef";
const env = { channel: CHANNEL, token };

describe("parseHostMessage (page → frame, checked in the frame)", () => {
  it("accepts each message type and rebuilds it with only the known fields", () => {
    expect(
      parseHostMessage(
        { ...env, type: "load", lambda: 0, code: "x=>x", sourceUrl: "lambda-f.js", extra: 1 },
        token,
      ),
    ).toEqual({ type: "load", lambda: 0, code: "x=>x", sourceUrl: "lambda-f.js" });
    expect(parseHostMessage({ ...env, type: "call", lambda: 1, call: 2, input: { a: [1] } }, token)).toEqual({
      type: "call",
      lambda: 1,
      call: 2,
      input: { a: [1] },
    });
    expect(parseHostMessage({ ...env, type: "stream", lambda: 1, call: 2, credit: 16 }, token)).toMatchObject(
      { credit: 16 },
    );
    expect(parseHostMessage({ ...env, type: "chunk", lambda: 1, call: 2, value: "x" }, token)).toMatchObject({
      value: "x",
    });
    expect(parseHostMessage({ ...env, type: "end", lambda: 1, call: 2 }, token)).toEqual({
      type: "end",
      lambda: 1,
      call: 2,
    });
    expect(parseHostMessage({ ...env, type: "cancel", lambda: 1, call: 2 }, token)).toMatchObject({
      type: "cancel",
    });
    expect(parseHostMessage({ ...env, type: "credit", lambda: 1, call: 2, n: 8 }, token)).toMatchObject({
      n: 8,
    });
    expect(parseHostMessage({ ...env, type: "kill", lambda: 3 }, token)).toEqual({ type: "kill", lambda: 3 });
    expect(
      parseHostMessage(
        { ...env, type: "fail", lambda: 1, call: 2, error: { name: "E", message: "m", stack: "s" } },
        token,
      ),
    ).toEqual({ type: "fail", lambda: 1, call: 2, error: { name: "E", message: "m" } });
  });

  it("refuses the wrong channel or token, bad ids and unknown types", () => {
    const call = { type: "call", lambda: 1, call: 2, input: 1 };
    expect(parseHostMessage({ ...call, token }, token)).toBe("wrong channel");
    expect(parseHostMessage({ ...call, channel: CHANNEL, token: "nope" }, token)).toBe("wrong token");
    expect(parseHostMessage({ ...call, channel: CHANNEL }, token)).toBe("wrong token");
    // A frame that somehow got no token accepts nothing, not even an empty one.
    expect(parseHostMessage({ ...call, channel: CHANNEL, token: "" }, "")).toBe("wrong token");
    expect(parseHostMessage({ ...env, ...call, lambda: -1 }, token)).toBe("bad lambda id");
    expect(parseHostMessage({ ...env, ...call, lambda: 1.5 }, token)).toBe("bad lambda id");
    expect(parseHostMessage({ ...env, ...call, call: "2" }, token)).toBe("bad call id");
    expect(parseHostMessage({ ...env, ...call, call: 2 ** 60 }, token)).toBe("bad call id");
    expect(parseHostMessage({ ...env, ...call, type: "eval" }, token)).toBe("unknown message type");
    expect(parseHostMessage({ ...env, type: "stream", lambda: 1, call: 2, credit: 0 }, token)).toBe(
      "bad credit",
    );
    expect(parseHostMessage({ ...env, type: "fail", lambda: 1, call: 2, error: "x" }, token)).toBe(
      "bad error",
    );
    expect(
      parseHostMessage({ ...env, type: "load", lambda: 0, code: "x", sourceUrl: "https://evil/x.js" }, token),
    ).toBe("bad source URL");
    expect(parseHostMessage([env], token)).toBe("not an object");
    expect(parseHostMessage(null, token)).toBe("not an object");
  });
});

describe("parseWorkerMessage (worker → frame: lambda code can post anything)", () => {
  it("accepts the runtime's messages", () => {
    expect(parseWorkerMessage({ type: "loaded" })).toEqual({ type: "loaded" });
    expect(parseWorkerMessage({ type: "result", call: 1, value: [1], lambda: 7 })).toEqual({
      type: "result",
      call: 1,
      value: [1],
    });
    expect(parseWorkerMessage({ type: "yield", call: 1, value: "a", consumed: 3 })).toMatchObject({
      consumed: 3,
    });
    expect(parseWorkerMessage({ type: "wait", call: 1, consumed: 0 })).toEqual({
      type: "wait",
      call: 1,
      consumed: 0,
    });
    expect(parseWorkerMessage({ type: "done", call: 1, consumed: 2 })).toEqual({
      type: "done",
      call: 1,
      consumed: 2,
    });
    expect(
      parseWorkerMessage({
        type: "error",
        call: 1,
        error: { name: "TypeError", message: "m", stack: "s", fromInput: true },
      }),
    ).toEqual({
      type: "error",
      call: 1,
      error: { name: "TypeError", message: "m", stack: "s", fromInput: true },
    });
  });

  it("drops the lambda id a worker claims (the frame adds the real one) and refuses bad shapes", () => {
    expect(parseWorkerMessage({ type: "result", call: 1, value: 1, lambda: 99 })).not.toHaveProperty(
      "lambda",
    );
    expect(parseWorkerMessage({ type: "yield", call: 1, value: "a" })).toBe("bad consumed count");
    expect(parseWorkerMessage({ type: "error", call: 1, error: { name: 1, message: "m" } })).toBe(
      "bad error",
    );
    expect(parseWorkerMessage({ type: "error", call: 1, error: { name: "E", message: "m", stack: 5 } })).toBe(
      "bad error",
    );
    expect(parseWorkerMessage({ type: "kill", call: 1 })).toBe("bad consumed count");
    expect(parseWorkerMessage({ type: "ready", call: 1, consumed: 0 })).toBe("unknown message type");
    expect(parseWorkerMessage(undefined)).toBe("not an object");
  });
});

describe("parseFrameMessage (frame → page, checked in the page)", () => {
  it("accepts ready, crash and call messages with the right token", () => {
    expect(parseFrameMessage({ ...env, type: "ready" }, token)).toEqual({ type: "ready" });
    expect(
      parseFrameMessage(
        { ...env, type: "crash", lambda: 2, error: { name: "SandboxError", message: "m" } },
        token,
      ),
    ).toEqual({
      type: "crash",
      lambda: 2,
      error: { name: "SandboxError", message: "m" },
    });
    expect(parseFrameMessage({ ...env, type: "result", lambda: 2, call: 5, value: "v" }, token)).toEqual({
      type: "result",
      lambda: 2,
      call: 5,
      value: "v",
    });
  });

  it("refuses messages without the token, without a lambda id, or that stay in the frame", () => {
    expect(parseFrameMessage({ ...env, token: "x".repeat(32), type: "ready" }, token)).toBe("wrong token");
    expect(parseFrameMessage({ channel: "other", token, type: "ready" }, token)).toBe("wrong channel");
    expect(parseFrameMessage({ ...env, type: "result", call: 5, value: "v" }, token)).toBe("bad lambda id");
    expect(parseFrameMessage({ ...env, type: "loaded", lambda: 1 }, token)).toBe("unexpected message type");
    expect(parseFrameMessage({ ...env, type: "crash", lambda: 1, error: null }, token)).toBe("bad error");
  });

  it("never throws and never accepts anything without the token, whatever arrives", () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        expect(typeof parseFrameMessage(data, token)).toBe("string");
        expect(typeof parseHostMessage(data, token)).toBe("string");
        return true;
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (extra) => {
        const r = parseFrameMessage(
          { ...extra, channel: CHANNEL, token, type: "yield", lambda: 1, call: 1 },
          token,
        );
        // Without a valid consumed count (or with junk ones) a yield is refused.
        if (typeof r !== "string")
          expect(Number.isSafeInteger((r as { consumed?: number }).consumed)).toBe(true);
      }),
    );
  });

  it("tells our messages from other traffic on the page", () => {
    expect(claimsSandboxChannel({ channel: CHANNEL })).toBe(true);
    expect(claimsSandboxChannel({ source: "react-devtools" })).toBe(false);
    expect(claimsSandboxChannel("hello")).toBe(false);
  });
});
