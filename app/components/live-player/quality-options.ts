// The quality menu's choices, from what hls.js parsed (pure). hls.js drops an audio-only
// variant listed beside video variants (it cannot switch between them in one buffer), so the
// audio-only choice keeps that variant's own media playlist URL and the player loads it as a
// separate source, showing the poster instead of a blank video.

/** The parts of an hls.js LevelParsed (MANIFEST_LOADED) or Level (hls.levels) read here. */
export type VariantInfo = {
  url?: string | string[];
  bitrate: number;
  width?: number;
  height?: number;
  videoCodec?: string;
  audioCodec?: string;
};

export type QualityChoice =
  { id: "auto" } | { id: "level"; level: number; height: number | null; bitrate: number } | { id: "audio"; url: string };

export type QualityKey = "auto" | "audio" | `level-${number}`;

export const keyOf = (choice: QualityChoice): QualityKey => (choice.id === "level" ? `level-${choice.level}` : choice.id);

const urlOf = (variant: VariantInfo) => (Array.isArray(variant.url) ? variant.url[0] : variant.url);

/** The audio-only variant of a master playlist (no video codec, no resolution, an audio codec), absolute against `base`. */
export function audioOnlyUrl(parsed: VariantInfo[], base: string): string | null {
  const audio = parsed
    .filter((v) => !v.videoCodec && !(v.width && v.height) && !!v.audioCodec && !!urlOf(v))
    .sort((a, b) => a.bitrate - b.bitrate)[0];
  const url = audio ? urlOf(audio) : undefined;
  return url ? new URL(url, base).toString() : null;
}

/** Auto, each video rendition from the highest down (by its index in hls.levels), then audio only when there is one. */
export function qualityChoices(levels: VariantInfo[], audioUrl: string | null): QualityChoice[] {
  const renditions = levels
    .map((v, level) => ({ id: "level" as const, level, height: v.height || null, bitrate: v.bitrate }))
    .sort((a, b) => (b.height ?? 0) - (a.height ?? 0) || b.bitrate - a.bitrate);
  return [{ id: "auto" }, ...renditions, ...(audioUrl ? [{ id: "audio" as const, url: audioUrl }] : [])];
}

/** A rendition's short name: "360p", or its bitrate when the playlist gives no resolution. */
export function renditionLabel(height: number | null, bitrate: number): string {
  return height ? `${height}p` : `${Math.round(bitrate / 1000)} kbps`;
}
