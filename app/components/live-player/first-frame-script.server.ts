import { DEFERRED_PRELOAD_REL, DEFERRED_SCRIPT_TYPE, TIMEOUT_MS, type FirstFrameBoot } from "./first-frame-boot";

// The first-frame boot script's text (see first-frame-boot.ts for what it does and why). Server
// only: root.tsx renders it into the document's head, and the browser's copy of root never
// needs the text again (hydration keeps the script element as the server wrote it), so it stays
// out of the bundle every page loads.

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
