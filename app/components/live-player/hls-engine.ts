import type { VariantInfo } from "./quality-options";

// The slice of hls.js the player uses, so tests can hand it a fake (tests/support/fake-hls.ts)
// and the real library stays behind a dynamic import: only this page's chunk asks for it.

export type HlsErrorData = { type: string; details: string; fatal: boolean };
export type HlsEventData = {
  manifestLoaded: { levels: VariantInfo[]; url: string };
  levelLoaded: { details: { startSN: number; live: boolean } };
  levelSwitched: { level: number };
};

export interface HlsLike {
  readonly levels: VariantInfo[];
  currentLevel: number;
  readonly latency: number;
  readonly targetLatency: number | null;
  readonly liveSyncPosition: number | null;
  loadSource(url: string): void;
  attachMedia(media: HTMLMediaElement): void;
  on(event: string, listener: (event: string, data: never) => void): void;
  startLoad(startPosition?: number): void;
  recoverMediaError(): void;
  swapAudioCodec(): void;
  destroy(): void;
}

export interface HlsConstructor {
  new (config: Record<string, unknown>): HlsLike;
  isSupported(): boolean;
  readonly Events: {
    MANIFEST_LOADED: string;
    MANIFEST_PARSED: string;
    LEVEL_LOADED: string;
    LEVEL_SWITCHED: string;
    ERROR: string;
  };
  readonly ErrorTypes: { NETWORK_ERROR: string; MEDIA_ERROR: string };
}

export type LoadHls = () => Promise<HlsConstructor>;

let pending: Promise<HlsConstructor> | null = null;

/** The real hls.js, fetched once on first use (590 KB: never in another page's bundle); a failed fetch is tried again next time. */
export const loadRealHls: LoadHls = () =>
  (pending ??= import("hls.js").then(
    (m) => m.default as unknown as HlsConstructor,
    (error: unknown) => {
      pending = null;
      throw error;
    },
  ));

/**
 * Route modules run before hydration, when the server's HTML is already in the document: if
 * it holds the player's video, fetch hls.js now rather than from the player's effect after
 * hydration (measured ~200 ms sooner on the sample stream).
 */
export function prefetchHlsForServerRenderedVideo() {
  if (typeof document !== "undefined" && document.querySelector("video[data-hls-player]")) loadRealHls().catch(() => {});
}

/**
 * Low latency for live: sit two segments (≈4 s with 2 s segments) behind the edge instead of
 * hls.js's three, and catch up by playing up to 1.5× rather than jumping. No maximum latency:
 * a viewer who pauses stays where they paused and gets "Back to live" instead of a jump.
 */
export function hlsConfig(live: boolean, startPosition: number): Record<string, unknown> {
  const common = { startPosition, backBufferLength: 30 };
  return live ? { ...common, liveSyncDurationCount: 2, maxLiveSyncPlaybackRate: 1.5, lowLatencyMode: true } : common;
}

export const NATIVE_HLS_TYPE = "application/vnd.apple.mpegurl";
