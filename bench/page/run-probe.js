// In-page instruments for bench/run.bench.ts, installed with page.addInitScript before the app loads.
// Plain JavaScript on purpose: tsx would inject its `__name` helper into functions passed to
// page.evaluate, and that helper does not exist in the page. The bench calls `window.__probe.*`.
(() => {
  const epoch = (t) => performance.timeOrigin + t;

  // --- Frames: rAF deltas, and "end of this frame's rendering" for paint stamps ---------------------
  // A message posted from a rAF callback runs as the next task, after this frame's style, layout and
  // paint on the main thread: its time is when the frame's pixels were handed to the compositor.
  const endOfFrame = new MessageChannel();
  let inRender = false;
  let outsideRender = []; // DOM changes made between frames: painted by the next frame
  let thisFrame = []; // DOM changes painted by the frame being rendered now
  endOfFrame.port1.onmessage = () => {
    inRender = false;
    const now = epoch(performance.now());
    for (const batch of thisFrame) batch.painted = now;
    thisFrame = [];
  };

  // `endedAt`: recording stops by itself when the run ends, so what follows it (saving the run, or
  // the bench reconnecting) is not measured.
  const frames = {
    recording: false,
    deltas: [],
    last: 0,
    storeUpdates: [],
    pendingUpdates: 0,
    endedAt: undefined,
  };
  const tick = (t) => {
    inRender = true;
    thisFrame.push(...outsideRender);
    outsideRender = [];
    endOfFrame.port2.postMessage(0);
    if (frames.recording) {
      if (frames.last > 0) frames.deltas.push(t - frames.last);
      frames.storeUpdates.push(frames.pendingUpdates);
    }
    frames.pendingUpdates = 0;
    frames.last = t;
    for (const check of frameChecks.splice(0)) check(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const frameChecks = [];

  // --- Long tasks ------------------------------------------------------------------------------------
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });

  // --- The app's stores, reached through React's fiber tree (the bench must not change the app) ---
  function findServices() {
    const root = document.getElementById("root");
    const key = root && Object.keys(root).find((k) => k.startsWith("__reactContainer$"));
    const stack = key ? [root[key]] : [];
    while (stack.length > 0) {
      const fiber = stack.pop();
      const services = fiber.memoizedProps && fiber.memoizedProps.services;
      if (services && services.documents && services.run) return services;
      if (fiber.sibling) stack.push(fiber.sibling);
      if (fiber.child) stack.push(fiber.child);
    }
    return undefined;
  }
  const stores = { services: undefined, documentNotifications: 0, revisionBefore: undefined };
  function watchStores() {
    stores.services = findServices();
    if (!stores.services) return false;
    const { documents, run } = stores.services;
    stores.documentNotifications = 0;
    stores.revisionBefore = documents.getState().revision;
    stores.docBefore = documents.getState().doc;
    stores.unsubscribe?.();
    const offDoc = documents.subscribe(() => stores.documentNotifications++);
    const offRun = run.subscribe((state) => {
      frames.pendingUpdates++;
      if (frames.recording && frames.started && state.status !== "running" && state.status !== "idle") {
        frames.recording = false;
        frames.endedAt = epoch(performance.now());
      }
      if (state.status === "running") frames.started = true;
    });
    stores.unsubscribe = () => (offDoc(), offRun());
    return true;
  }
  function storeReport() {
    if (!stores.services) return { found: false };
    const doc = stores.services.documents.getState();
    const run = stores.services.run.getState();
    return {
      found: true,
      documentNotifications: stores.documentNotifications,
      revisionBefore: stores.revisionBefore,
      revisionAfter: doc.revision,
      sameDocument: doc.doc === stores.docBefore,
      runStatus: run.status,
      eventCount: run.eventCount,
    };
  }

  // --- Tokens: when each "[k:iiii]" marker first shows in a node's live output ------------------------
  const MARKER = /\[(\d+):(\d+)\]/g;
  const tokens = { watched: [], observer: undefined };
  function nodeElement(name) {
    return document.querySelector(`[aria-roledescription="node"][aria-label="${CSS.escape(name)}"]`);
  }
  function liveText(el) {
    const live = el.querySelector('[aria-label="Live output"]');
    return (live || el).textContent || "";
  }
  function scan() {
    const seenAt = epoch(performance.now());
    const batch = { seen: seenAt, painted: undefined, items: [] };
    for (const w of tokens.watched) {
      if (!w.el || !w.el.isConnected) w.el = nodeElement(w.name);
      if (!w.el) continue;
      // Only the tail: the text grows at the end, and a long output must not make the probe slow.
      const tail = liveText(w.el).slice(-4096);
      let max = w.last;
      for (const m of tail.matchAll(MARKER)) {
        if (Number(m[1]) === w.stream) max = Math.max(max, Number(m[2]));
      }
      if (max > w.last) {
        batch.items.push({ watch: w, from: w.last + 1, to: max });
        w.last = max;
      }
    }
    if (batch.items.length === 0) return;
    for (const { watch, from, to } of batch.items) for (let i = from; i <= to; i++) watch.batches[i] = batch;
    (inRender ? thisFrame : outsideRender).push(batch);
  }
  function watchTokens(list) {
    tokens.observer?.disconnect();
    tokens.watched = list.map(({ name, stream }) => ({ name, stream, el: undefined, last: -1, batches: [] }));
    tokens.observer = new MutationObserver(scan);
    tokens.observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }
  function tokenReport() {
    tokens.observer?.disconnect();
    return tokens.watched.map((w) => ({
      name: w.name,
      stream: w.stream,
      seen: w.batches.map((b) => (b ? b.seen : null)),
      painted: w.batches.map((b) => (b && b.painted !== undefined ? b.painted : null)),
    }));
  }

  // --- Input latency: from the input event to the first frame that shows its effect -----------------
  // A box that follows a stream (`data-following`, overflow hidden) does not scroll until the user
  // moves it; any other box scrolls. Either way the effect of a wheel up is its content moving down
  // on screen, and either way only a box whose content overflows has anywhere to go.
  // A following box's content overflows at its top, which `scrollHeight` does not count: measure
  // the content itself.
  const contentHeight = (el) =>
    el.hasAttribute("data-following") && el.firstElementChild
      ? el.firstElementChild.getBoundingClientRect().height
      : el.scrollHeight;
  function scrollableAt(x, y) {
    for (let el = document.elementFromPoint(x, y); el; el = el.parentElement) {
      const scrolls =
        el.hasAttribute("data-following") || /(auto|scroll)/.test(getComputedStyle(el).overflowY);
      if (scrolls && contentHeight(el) > el.clientHeight + 1) return el;
    }
    return undefined;
  }
  /** Finds the box to scroll; one that is not following is scrolled to its middle so a wheel up has room. */
  function prepareScroll(x, y) {
    const el = scrollableAt(x, y);
    if (!el) return { found: false };
    const following = el.hasAttribute("data-following");
    if (!following) el.scrollTop = Math.floor((el.scrollHeight - el.clientHeight) / 2);
    const label = el.getAttribute("aria-label") || el.id || el.className.toString().slice(0, 40);
    input.scrollEl = el;
    return { found: true, label: `${label}${following ? " (following)" : ""}` };
  }
  const input = { scrollEl: undefined, result: undefined };
  const contentTop = (el) => (el.firstElementChild || el).getBoundingClientRect().top;
  function armScroll() {
    const el = input.scrollEl;
    input.result = undefined;
    const onWheel = (e) => {
      removeEventListener("wheel", onWheel, { capture: true });
      const before = contentTop(el);
      const check = (t) => {
        const moved = contentTop(el) - before;
        if (moved > 0) input.result = { latency: t - e.timeStamp, moved };
        else if (t - e.timeStamp > 5000) input.result = { latency: null, moved: 0 };
        else frameChecks.push(check);
      };
      frameChecks.push(check);
    };
    addEventListener("wheel", onWheel, { capture: true, passive: true });
  }
  function armSelection() {
    input.result = undefined;
    const onMove = (e) => {
      if ((e.buttons & 1) === 0) return;
      removeEventListener("mousemove", onMove, { capture: true });
      const check = (t) => {
        const length = String(getSelection()).length;
        if (length > 0) input.result = { latency: t - e.timeStamp, length };
        else if (t - e.timeStamp > 5000) input.result = { latency: null, length: 0 };
        else frameChecks.push(check);
      };
      frameChecks.push(check);
    };
    addEventListener("mousemove", onMove, { capture: true, passive: true });
  }

  const runClick = { at: undefined };
  window.__probe = {
    now: () => epoch(performance.now()),
    startFrames() {
      frames.recording = true;
      frames.started = false;
      frames.endedAt = undefined;
      frames.deltas = [];
      frames.storeUpdates = [];
      frames.last = 0;
      return epoch(performance.now());
    },
    /** Starts the frames and clicks Run in `ms` (the bench is disconnected by then). */
    clickRunIn(ms) {
      runClick.at = undefined;
      runClick.error = undefined;
      setTimeout(() => {
        const run = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Run");
        if (!run) runClick.error = "no Run button";
        else {
          runClick.at = window.__probe.startFrames();
          run.click();
        }
      }, ms);
    },
    runClickedAt: () => (runClick.error ? runClick.error : runClick.at),
    stopFrames() {
      frames.recording = false;
      return { deltas: frames.deltas, storeUpdates: frames.storeUpdates, endedAt: frames.endedAt };
    },
    /** Long tasks that started from `t` until the run ended. */
    longTasksSince: (t) =>
      longTasks
        .filter((l) => epoch(l.start) >= t && epoch(l.start) < (frames.endedAt ?? Infinity))
        .map((l) => ({ ...l, start: epoch(l.start) })),
    watchStores,
    storeReport,
    watchTokens,
    tokenReport,
    lowestSeen: () => Math.min(...tokens.watched.map((w) => w.last)),
    prepareScroll,
    armScroll,
    armSelection,
    inputResult: () => input.result,
    selectionLength: () => String(getSelection()).length,
  };
})();
