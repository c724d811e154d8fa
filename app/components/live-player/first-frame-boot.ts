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
