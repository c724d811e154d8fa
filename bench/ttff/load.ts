import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../tests/e2e/browser";

// One page load in a fresh browser context (empty cache, new connections) on a 390×844 phone,
// optionally behind DevTools network throttling, timed from navigation start to the stream's
// first video frame on screen: requestVideoFrameCallback's first call (Chromium calls it when a
// frame is handed to the compositor), with the first `playing` event and the first
// `timeupdate` past 0 s recorded beside it. An init script hooks every <video> as soon as it
// starts loading, before any page script could run.

const HYDRATION_WAIT_MS = 20_000;

export type Profile = { name: string; label: string; throttle: { downloadKbps: number; uploadKbps: number; rttMs: number } | null };

export const PROFILES: Profile[] = [
  {
    name: "slow-4g",
    label: "slow 4G (1.6 Mbps down, 750 kbps up, 150 ms RTT)",
    throttle: { downloadKbps: 1600, uploadKbps: 750, rttMs: 150 },
  },
  { name: "unthrottled", label: "unthrottled (localhost)", throttle: null },
];

export type Load = {
  side: "app" | "bare";
  profile: string;
  round: number;
  /** ms from navigation start; null when it never came within the timeout. */
  frameMs: number | null;
  playingMs: number | null;
  advancingMs: number | null;
  /** Response ends (ms) of what the first frame waits for. */
  htmlMs: number | null;
  hlsJsMs: number | null;
  masterMs: number | null;
  firstSegmentMs: number | null;
  /** Bytes (compressed, as transferred) of scripts that had arrived by the first frame, and in all by then. */
  scriptKbBeforeFrame: number;
  allKbBeforeFrame: number;
  /** The app's boot script's performance marks (first-frame-boot.ts), ms from navigation start. */
  marks: Record<string, number>;
  /** When Remix had hydrated (app only; null if not within HYDRATION_WAIT_MS of the first frame). */
  hydratedMs: number | null;
  /** When the app's entry module arrived (app only). */
  entryMs: number | null;
};

const INIT = `(() => {
  const t = (window.__ttff = { frame: null, playing: null, advancing: null, hydrated: null });
  // When Remix has hydrated (its router exists and is initialised): when the page's own scripts work.
  const poll = setInterval(() => {
    if (window.__remixRouter && window.__remixRouter.state.initialized) { t.hydrated = performance.now(); clearInterval(poll); }
  }, 20);
  setTimeout(() => clearInterval(poll), 30000);
  const hook = (v) => {
    if (v.__ttffHooked) return;
    v.__ttffHooked = true;
    const onFrame = () => { if (t.frame === null) t.frame = performance.now(); };
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(onFrame);
    v.addEventListener("timeupdate", () => { if (t.advancing === null && v.currentTime > 0) t.advancing = performance.now(); });
  };
  // Media events do not bubble: listen in the capture phase on the document.
  document.addEventListener("loadstart", (e) => e.target instanceof HTMLVideoElement && hook(e.target), true);
  document.addEventListener("playing", (e) => { if (t.playing === null) t.playing = performance.now(); if (e.target instanceof HTMLVideoElement) hook(e.target); }, true);
})();`;

type Collected = Omit<Load, "side" | "profile" | "round" | "frameMs" | "playingMs" | "advancingMs" | "hydratedMs"> & {
  hydrated: number | null;
  frame: number | null;
  playing: number | null;
  advancing: number | null;
};

// A string, not a function: tsx's name helpers would not exist in the page.
const COLLECT = `(() => {
  const t = window.__ttff;
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const end = (test) => {
    const hit = resources.find((e) => test(new URL(e.name).pathname));
    return hit ? hit.responseEnd : null;
  };
  const before = resources.filter((e) => t.frame !== null && e.responseEnd <= t.frame);
  const kb = (list) => list.reduce((sum, e) => sum + e.transferSize, 0) / 1024;
  return {
    ...t,
    htmlMs: nav ? nav.responseEnd : null,
    marks: Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("first-frame:")).map((m) => [m.name.slice(12), m.startTime])),
    hlsJsMs: end((p) => /\\/hls[^/]*\\.m?js$/.test(p)),
    masterMs: end((p) => p.endsWith("/master.m3u8")),
    firstSegmentMs: end((p) => p.endsWith(".ts")),
    entryMs: end((p) => p.includes("/entry.client-")),
    scriptKbBeforeFrame: kb(before.filter((e) => /\\.m?js$/.test(new URL(e.name).pathname))),
    allKbBeforeFrame: kb(before) + (nav ? nav.transferSize / 1024 : 0),
  };
})()`;

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export async function measureLoad(browser: Browser, url: string, side: Load["side"], profile: Profile, round: number): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    if (process.env.BENCH_TTFF_DEBUG) {
      page.on("console", (m) => console.log(`  [${side} console.${m.type()}] ${m.text()}`));
      page.on("pageerror", (e) => console.log(`  [${side} page error] ${e.message}`));
    }
    await page.addInitScript(INIT);
    if (profile.throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: profile.throttle.rttMs,
        downloadThroughput: (profile.throttle.downloadKbps * 1000) / 8,
        uploadThroughput: (profile.throttle.uploadKbps * 1000) / 8,
      });
    }
    await page.goto(url, { waitUntil: "commit" });
    const ready = await page
      // A function, not a string: the app's CSP forbids eval. No named helpers inside (see COLLECT).
      .waitForFunction(() => (window as unknown as { __ttff?: { frame: number | null } }).__ttff?.frame != null, null, {
        timeout: 30_000,
        polling: 50,
      })
      .then(() => true)
      .catch((e: unknown) => (process.env.BENCH_TTFF_DEBUG ? console.log(`  [${side}] ${(e as Error).message}`) : undefined, false));
    if (ready && side === "app")
      await page
        .waitForFunction(() => (window as unknown as { __ttff: { hydrated: number | null } }).__ttff.hydrated !== null, null, {
          timeout: HYDRATION_WAIT_MS,
          polling: 50,
        })
        .catch(() => undefined);
    const r = (await page.evaluate(COLLECT)) as Collected;
    return {
      side,
      profile: profile.name,
      round,
      frameMs: ready ? r.frame : null,
      playingMs: r.playing,
      advancingMs: r.advancing,
      htmlMs: r.htmlMs,
      hlsJsMs: r.hlsJsMs,
      masterMs: r.masterMs,
      firstSegmentMs: r.firstSegmentMs,
      scriptKbBeforeFrame: r.scriptKbBeforeFrame,
      allKbBeforeFrame: r.allKbBeforeFrame,
      entryMs: r.entryMs,
      marks: r.marks,
      hydratedMs: r.hydrated,
    };
  } finally {
    await context.close();
  }
}
