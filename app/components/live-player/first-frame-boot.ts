import type { HlsEventData, HlsLike } from "./hls-engine";

// Time to first frame on a phone's slow link (docs/benchmarks.md, "Live page: time to first
// frame"). The app's own JavaScript (React, Remix, zod, the route: ~230 KB gzipped) is more than
// hls.js itself, and fetched beside it every byte of it delays the stream. So a page that plays
// video starts the stream from a small inline script at the top of <head> (before the
// stylesheet, so it runs at once): it imports hls.js, loads the playlist and attaches the
// server-rendered <video>. Until the first frame is on screen (or TIMEOUT_MS, or a failure),
// the app's scripts wait as inert elements — module preloads under another `rel`, scripts under
// another `type` (entry.server's stream rewrite and root.tsx) — then the script turns them back
// and the page hydrates as usual. Forms work without JavaScript meanwhile. The player adopts the
// running hls.js instance (takeBootedHls) instead of starting a second one.

/** What the loader hands root.tsx for a page that plays video. */
export type FirstFrameBoot = {
  src: string;
  /** hls.js's chunk, then the chunks it imports (preloaded with it: no waterfall). */
  hlsModules: string[];
  config: Record<string, unknown>;
};

/** `rel` of a module preload held back until the first frame. */
export const DEFERRED_PRELOAD_REL = "x-after-first-frame-modulepreload";
/** `type` of a script held back until the first frame; `data-deferred-type` keeps its own (none: classic). */
export const DEFERRED_SCRIPT_TYPE = "text/x-after-first-frame";
/** Marks the boot script, so entry.server knows to hold the app's scripts back. */
export const BOOT_MARKER = "data-first-frame-boot";
/** The app starts even without a frame by then (a stalled stream must not keep the page inert). */
export const TIMEOUT_MS = 4000;

/** What the boot script leaves on `window.__hlFirstFrame` for the player. */
export type BootedHls = {
  src: string;
  hls: HlsLike | null;
  manifest: HlsEventData["manifestLoaded"] | null;
  parsed: boolean;
  level: number | null;
  details: HlsEventData["levelLoaded"]["details"] | null;
  adopted: boolean;
};

declare global {
  interface Window {
    __hlFirstFrame?: BootedHls;
  }
}

/**
 * The hls.js instance the boot script started for `src`, once (the player owns it from then on:
 * the boot script's listeners go quiet). Null when there is none, it failed, or it plays another URL.
 */
export function takeBootedHls(src: string): BootedHls | null {
  const boot = typeof window === "undefined" ? undefined : window.__hlFirstFrame;
  if (!boot || boot.adopted || !boot.hls || boot.src !== src) return null;
  boot.adopted = true;
  return boot;
}

// Plain ES2017 in a string: it runs in the page before any bundle, and must not depend on
// the build's helpers. `o` is the FirstFrameBoot plus the constants above.
const SCRIPT = `(function (o) {
  var d = document, w = window, started = false;
  // Marks for the time-to-first-frame bench (bench/ttff/) and DevTools: where the wait went.
  var mark = function (name) { if (w.performance && performance.mark) performance.mark("first-frame:" + name); };
  mark("boot");
  var boot = (w.__hlFirstFrame = { src: o.src, hls: null, manifest: null, parsed: false, level: null, details: null, adopted: false });
  var release = function () {
    d.querySelectorAll('script[type="' + o.type + '"]').forEach(function (s) {
      var n = d.createElement("script");
      for (var i = 0; i < s.attributes.length; i++) {
        var a = s.attributes[i];
        if (a.name !== "type" && a.name !== "data-deferred-type") n.setAttribute(a.name, a.value);
      }
      if (s.dataset.deferredType) n.type = s.dataset.deferredType;
      n.nonce = s.nonce;
      n.text = s.text;
      s.replaceWith(n);
    });
    d.querySelectorAll('link[rel="' + o.rel + '"]').forEach(function (l) { l.rel = "modulepreload"; });
  };
  var startApp = function () {
    if (started) return;
    started = true;
    mark("app-start");
    clearTimeout(timer);
    // Early (no MSE, a failed import): the held-back scripts may not be parsed yet.
    if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", release, { once: true });
    else release();
  };
  var timer = setTimeout(startApp, o.timeoutMs);
  var quiet = function (f) { return function (e, data) { if (!boot.adopted) f(data); }; };
  // No MSE (iOS Safari before 17.1): the player plays natively; nothing to wait for here.
  if (!(w.MediaSource || w.ManagedMediaSource || w.WebKitMediaSource)) return startApp();
  // The master playlist while hls.js downloads: its request then finds it in the HTTP cache (a
  // round trip saved where the origin lets it be cached, as ours does for 60 s).
  if (w.fetch) fetch(o.src).catch(function () {});
  o.hlsModules.forEach(function (href) {
    var l = d.createElement("link");
    l.rel = "modulepreload";
    l.href = href;
    d.head.appendChild(l);
  });
  import(o.hlsModules[0]).then(function (m) {
    var Hls = m.default;
    mark("hls-ready");
    if (!Hls.isSupported()) return startApp();
    var hls = (boot.hls = new Hls(o.config));
    var video = null;
    var play = function () { if (video && !boot.adopted) video.play().catch(startApp); };
    hls.on(Hls.Events.MANIFEST_LOADED, quiet(function (data) { boot.manifest = { levels: data.levels, url: data.url }; }));
    hls.on(Hls.Events.MANIFEST_PARSED, quiet(function () { mark("manifest-parsed"); boot.parsed = true; play(); }));
    hls.on(Hls.Events.LEVEL_LOADED, quiet(function (data) { boot.details = { startSN: data.details.startSN, live: data.details.live }; }));
    hls.on(Hls.Events.LEVEL_SWITCHED, quiet(function (data) { boot.level = data.level; }));
    hls.on(Hls.Events.ERROR, quiet(function (data) {
      if (!data.fatal) return;
      hls.destroy();
      boot.hls = null;
      startApp();
    }));
    hls.loadSource(o.src);
    var attach = function () {
      video = d.querySelector("video[data-hls-player]");
      if (!video) return startApp();
      mark("attach");
      video.muted = true;
      if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(startApp);
      else video.addEventListener("playing", startApp, { once: true });
      hls.attachMedia(video);
      if (boot.parsed) play();
    };
    if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", attach, { once: true });
    else attach();
  }, startApp);
})`;

/** The inline boot script's text for `boot`. */
export function firstFrameScript(boot: FirstFrameBoot): string {
  const options = { ...boot, rel: DEFERRED_PRELOAD_REL, type: DEFERRED_SCRIPT_TYPE, timeoutMs: TIMEOUT_MS };
  return `${SCRIPT}(${JSON.stringify(options).replace(/</g, "\\u003c")});`;
}
