/** The sandbox frame in a real page: a hidden `<iframe sandbox="allow-scripts" srcdoc>`. */
import type { FrameFactory } from "./host.ts";
import { CHANNEL, claimsSandboxChannel } from "./protocol.ts";
import { SandboxError } from "./errors.ts";
import { sandboxSrcdoc } from "./srcdoc.ts";

/** Marks the sandbox iframes (tests and tools find them by it). */
export const SANDBOX_FRAME_ATTRIBUTE = "data-sluice-sandbox";

/**
 * Creates the iframe when the host first needs it. The frame has an opaque origin (`sandbox` without
 * `allow-same-origin`), so neither it nor its workers can read the page, its storage or cookies.
 * Only messages whose `source` is this iframe's window and whose origin is `"null"` are delivered;
 * others that claim the sandbox channel are reported as rejected.
 */
export function iframeFrameFactory(getDocument: () => Document, container?: () => Element): FrameFactory {
  return (token, onData, onRejected) => {
    const doc = getDocument();
    const win = doc.defaultView;
    if (!win) throw new SandboxError("The lambda sandbox needs a document with a window.");
    const origin = win.location.origin;
    const iframe = doc.createElement("iframe");
    iframe.setAttribute("sandbox", "allow-scripts");
    iframe.setAttribute(SANDBOX_FRAME_ATTRIBUTE, "");
    // The frame reads its token and where to answer from its window name (the srcdoc stays constant).
    iframe.name = JSON.stringify({ token, origin: origin === "null" ? "*" : origin });
    iframe.title = "Sluice lambda sandbox";
    iframe.hidden = true;
    iframe.tabIndex = -1;
    iframe.setAttribute("aria-hidden", "true");
    iframe.srcdoc = sandboxSrcdoc();
    const listener = (event: MessageEvent) => {
      const frameWindow = iframe.contentWindow;
      if (!frameWindow || event.source !== frameWindow) {
        if (claimsSandboxChannel(event.data))
          onRejected("a message from another window claimed the sandbox channel");
        return;
      }
      if (event.origin !== "null") {
        onRejected(`a message from the sandbox frame had origin ${event.origin}, not an opaque one`);
        return;
      }
      onData(event.data);
    };
    win.addEventListener("message", listener);
    (container?.() ?? doc.body ?? doc.documentElement).append(iframe);
    return {
      post(message) {
        // An opaque origin cannot be named as a target; the frame checks the token and our origin.
        iframe.contentWindow?.postMessage({ channel: CHANNEL, token, ...message }, "*");
      },
      dispose() {
        win.removeEventListener("message", listener);
        iframe.remove();
      },
    };
  };
}
