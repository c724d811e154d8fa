import type { HlsConstructor, HlsLike, LoadHls } from "~/components/live-player/hls-engine";
import type { VariantInfo } from "~/components/live-player/quality-options";

// A stand-in for hls.js in component tests (jsdom has no MSE): it records what the player
// asks of it, and a test drives it with the events hls.js would fire. Event and error-type
// names are hls.js 1.7's own string values.

const EVENTS = {
  MANIFEST_LOADED: "hlsManifestLoaded",
  MANIFEST_PARSED: "hlsManifestParsed",
  LEVEL_LOADED: "hlsLevelLoaded",
  LEVEL_SWITCHED: "hlsLevelSwitched",
  ERROR: "hlsError",
};
const ERROR_TYPES = { NETWORK_ERROR: "networkError", MEDIA_ERROR: "mediaError" };

type Listener = (event: string, data: never) => void;

export type FakeHlsInstance = HlsLike & {
  config: Record<string, unknown>;
  source: string | null;
  media: HTMLMediaElement | null;
  destroyed: boolean;
  calls: string[];
  latency: number;
  targetLatency: number | null;
  liveSyncPosition: number | null;
  emit(event: keyof typeof EVENTS, data?: unknown): void;
  /** MANIFEST_LOADED with every variant, then MANIFEST_PARSED with the ones hls.js keeps (those with video). */
  loadManifest(parsed: VariantInfo[], url?: string): void;
  fatal(type: "network" | "media", details: string): void;
};

/** A fake hls.js class (`supported: false` makes the player try native HLS) and its loader. */
export function fakeHls({ supported = true }: { supported?: boolean } = {}) {
  const instances: FakeHlsInstance[] = [];
  class FakeHls implements FakeHlsInstance {
    static Events = EVENTS;
    static ErrorTypes = ERROR_TYPES;
    static isSupported = () => supported;
    levels: VariantInfo[] = [];
    currentLevel = -1;
    latency = 0;
    targetLatency: number | null = null;
    liveSyncPosition: number | null = null;
    source: string | null = null;
    media: HTMLMediaElement | null = null;
    destroyed = false;
    calls: string[] = [];
    private listeners = new Map<string, Listener[]>();
    constructor(readonly config: Record<string, unknown>) {
      instances.push(this);
    }
    loadSource(url: string) {
      this.source = url;
    }
    attachMedia(media: HTMLMediaElement) {
      this.media = media;
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    }
    startLoad() {
      this.calls.push("startLoad");
    }
    recoverMediaError() {
      this.calls.push("recoverMediaError");
    }
    swapAudioCodec() {
      this.calls.push("swapAudioCodec");
    }
    destroy() {
      this.destroyed = true;
    }
    emit(event: keyof typeof EVENTS, data: unknown = {}) {
      for (const listener of this.listeners.get(EVENTS[event]) ?? []) listener(EVENTS[event], data as never);
    }
    loadManifest(parsed: VariantInfo[], url = "http://localhost/media/sample/master.m3u8") {
      this.emit("MANIFEST_LOADED", { levels: parsed, url });
      const video = parsed.filter((v) => v.videoCodec || (v.width && v.height));
      this.levels = (video.length ? video : parsed).sort((a, b) => a.bitrate - b.bitrate);
      this.emit("MANIFEST_PARSED", { levels: this.levels });
    }
    fatal(type: "network" | "media", details: string) {
      this.emit("ERROR", { type: type === "network" ? ERROR_TYPES.NETWORK_ERROR : ERROR_TYPES.MEDIA_ERROR, details, fatal: true });
    }
  }
  const load: LoadHls = () => Promise.resolve(FakeHls as unknown as HlsConstructor);
  return { instances, load, latest: () => instances[instances.length - 1] };
}

/** The sample master playlist as hls.js parses it: 360p, 180p and audio only. */
export const SAMPLE_VARIANTS: VariantInfo[] = [
  {
    url: "http://localhost/media/sample/360p/index.m3u8",
    bitrate: 730_400,
    width: 640,
    height: 360,
    videoCodec: "avc1.4d401e",
    audioCodec: "mp4a.40.2",
  },
  {
    url: "http://localhost/media/sample/180p/index.m3u8",
    bitrate: 290_400,
    width: 320,
    height: 180,
    videoCodec: "avc1.42c00c",
    audioCodec: "mp4a.40.2",
  },
  { url: "http://localhost/media/sample/audio/index.m3u8", bitrate: 70_000, audioCodec: "mp4a.40.2" },
];
