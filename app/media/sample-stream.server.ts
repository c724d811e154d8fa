import { readFileSync } from "node:fs";
import path from "node:path";
import { liveMasterPlaylist, liveMediaPlaylist, type LiveVariant, type LoopSegment } from "~/domain/live-playlist";
import { parseMasterPlaylist, parseMediaPlaylist } from "~/domain/m3u8";

// The seeded live session's stream (ADR 0016): the committed sample loop
// (public/media/sample/, made by scripts/make-sample-media.sh) served as a live sliding window
// at /hls/sample-live/. The segment list comes from the committed VOD playlists, read once.

export const SAMPLE_MEDIA_URL = "/media/sample";
/**
 * Pass 0 of the loop started here. A constant (not the process start or the session's start):
 * every instance, before and after a restart, then serves the same window at the same moment,
 * and the media sequence only ever grows.
 */
export const SAMPLE_LOOP_EPOCH_MS = Date.UTC(2026, 0, 1);

export const MEDIA_PLAYLIST_CACHE_CONTROL = "public, max-age=1";
export const MASTER_PLAYLIST_CACHE_CONTROL = "public, max-age=60";

type Rendition = { variant: LiveVariant; segments: LoopSegment[] };
export type SampleStream = { renditions: Map<string, Rendition> };

/** Reads the committed VOD master and its media playlists from `dir` (public/media/sample). */
export function loadSampleStream(dir: string, mediaUrl = SAMPLE_MEDIA_URL): SampleStream {
  const renditions = new Map<string, Rendition>();
  for (const { uri, attributes } of parseMasterPlaylist(readFileSync(path.join(dir, "master.m3u8"), "utf8"))) {
    // "360p/index.m3u8": the rendition is its folder.
    const name = path.posix.dirname(uri);
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`sample stream: unexpected variant URI ${uri}`);
    const vod = parseMediaPlaylist(readFileSync(path.join(dir, uri), "utf8"));
    if (!vod.endList || vod.segments.length === 0) throw new Error(`sample stream: ${uri} is not a complete VOD playlist`);
    renditions.set(name, {
      variant: {
        uri: `${name}.m3u8`,
        bandwidth: Number(attributes.BANDWIDTH),
        averageBandwidth: attributes["AVERAGE-BANDWIDTH"] ? Number(attributes["AVERAGE-BANDWIDTH"]) : undefined,
        resolution: attributes.RESOLUTION,
        frameRate: attributes["FRAME-RATE"] ? Number(attributes["FRAME-RATE"]) : undefined,
        codecs: attributes.CODECS,
      },
      segments: vod.segments.map((s) => ({ uri: `${mediaUrl}/${name}/${s.uri}`, duration: s.duration })),
    });
  }
  if (renditions.size === 0) throw new Error("sample stream: the master playlist lists no variant");
  return { renditions };
}

let committed: SampleStream | null = null;
// Read on first use (the files are committed and never change while the server runs).
const committedSampleStream = () => (committed ??= loadSampleStream(path.resolve("public/media/sample")));

export type SamplePlaylist = { body: string; cacheControl: string };

/** `master.m3u8` or `<rendition>.m3u8` at `nowMs`; null for any other name. */
export function sampleLivePlaylist(file: string, nowMs: number, stream: SampleStream = committedSampleStream()): SamplePlaylist | null {
  if (file === "master.m3u8") {
    return {
      body: liveMasterPlaylist([...stream.renditions.values()].map((r) => r.variant)),
      cacheControl: MASTER_PLAYLIST_CACHE_CONTROL,
    };
  }
  const match = /^([a-z0-9-]+)\.m3u8$/.exec(file);
  const rendition = match ? stream.renditions.get(match[1]) : undefined;
  if (!rendition) return null;
  return {
    body: liveMediaPlaylist({ segments: rendition.segments, epochMs: SAMPLE_LOOP_EPOCH_MS, nowMs }),
    cacheControl: MEDIA_PLAYLIST_CACHE_CONTROL,
  };
}
