// A live HLS stream made from a fixed loop of segments (ADR 0016): the wall clock says which
// segments an encoder that started at `epochMs` and never stopped would have published by
// `nowMs`, and the media playlist is the last few of them — a sliding window whose media
// sequence advances with time, as a real live origin's does. Every instance computes the same
// playlist from the same clock, so nothing is kept between requests. Pure: no I/O, no Date.now().
//
// Segment k of the endless stream is loop segment k mod n of pass ⌊k / n⌋. Each pass after the
// first starts with EXT-X-DISCONTINUITY (timestamps restart), so segment k's discontinuity
// number is ⌊k / n⌋ whichever window it is seen in (RFC 8216 §4.3.3.3, §6.2.2).

export type LoopSegment = { uri: string; /** seconds */ duration: number };

export type LiveWindowInput = {
  segments: readonly LoopSegment[];
  /** When pass 0 of the loop started (ms since the Unix epoch). */
  epochMs: number;
  nowMs: number;
  /** Segments in the playlist once the stream has run that long. */
  windowSize?: number;
};

export type LiveSegment = {
  sequence: number;
  uri: string;
  durationMs: number;
  /** When its first frame was "captured": EXT-X-PROGRAM-DATE-TIME. */
  startMs: number;
  /** The loop wraps here: timestamps restart. */
  discontinuity: boolean;
};

export type LiveWindow = {
  mediaSequence: number;
  discontinuitySequence: number;
  targetDuration: number;
  segments: LiveSegment[];
};

export const DEFAULT_LIVE_WINDOW = 6;

type Loop = { durationsMs: number[]; startsMs: number[]; loopMs: number; targetDuration: number };

function loopOf(segments: readonly LoopSegment[]): Loop {
  if (segments.length === 0) throw new RangeError("a live loop needs at least one segment");
  // Whole milliseconds: EXTINF and PROGRAM-DATE-TIME then agree exactly (PDT has ms precision).
  const durationsMs = segments.map(({ duration }) => Math.round(duration * 1000));
  if (durationsMs.some((ms) => !Number.isFinite(ms) || ms <= 0)) throw new RangeError("every loop segment needs a positive duration");
  const startsMs: number[] = [];
  let loopMs = 0;
  for (const ms of durationsMs) {
    startsMs.push(loopMs);
    loopMs += ms;
  }
  // Over the whole loop, not the window: the target duration must not change between reloads.
  const targetDuration = Math.max(1, ...durationsMs.map((ms) => Math.round(ms / 1000)));
  return { durationsMs, startsMs, loopMs, targetDuration };
}

/** How many segments of the endless stream have been completely published by `nowMs`. */
function publishedCount(loop: Loop, elapsedMs: number): number {
  if (elapsedMs <= 0) return 0;
  const passes = Math.floor(elapsedMs / loop.loopMs);
  const intoPass = elapsedMs - passes * loop.loopMs;
  let done = 0;
  while (done < loop.durationsMs.length && loop.startsMs[done] + loop.durationsMs[done] <= intoPass) done++;
  return passes * loop.durationsMs.length + done;
}

export function liveWindow({ segments, epochMs, nowMs, windowSize = DEFAULT_LIVE_WINDOW }: LiveWindowInput): LiveWindow {
  if (!Number.isInteger(windowSize) || windowSize < 1) throw new RangeError("windowSize must be a positive integer");
  const loop = loopOf(segments);
  const n = segments.length;
  const published = publishedCount(loop, nowMs - epochMs);
  const first = Math.max(0, published - windowSize);
  const window: LiveSegment[] = [];
  for (let k = first; k < published; k++) {
    const index = k % n;
    window.push({
      sequence: k,
      uri: segments[index].uri,
      durationMs: loop.durationsMs[index],
      startMs: epochMs + Math.floor(k / n) * loop.loopMs + loop.startsMs[index],
      discontinuity: k > 0 && index === 0,
    });
  }
  // The discontinuity tags that have slid out of the window: one per wrap before `first`.
  const discontinuitySequence = first === 0 ? 0 : Math.floor((first - 1) / n);
  return { mediaSequence: first, discontinuitySequence, targetDuration: loop.targetDuration, segments: window };
}

/** The window as an HLS media playlist: live (no EXT-X-ENDLIST, no PLAYLIST-TYPE). */
export function liveMediaPlaylist(input: LiveWindowInput): string {
  const window = liveWindow(input);
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:3",
    `#EXT-X-TARGETDURATION:${window.targetDuration}`,
    `#EXT-X-MEDIA-SEQUENCE:${window.mediaSequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${window.discontinuitySequence}`,
    "#EXT-X-INDEPENDENT-SEGMENTS",
  ];
  for (const segment of window.segments) {
    if (segment.discontinuity) lines.push("#EXT-X-DISCONTINUITY");
    lines.push(
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(segment.startMs).toISOString()}`,
      `#EXTINF:${(segment.durationMs / 1000).toFixed(3)},`,
      segment.uri,
    );
  }
  return `${lines.join("\n")}\n`;
}

export type LiveVariant = {
  uri: string;
  bandwidth: number;
  averageBandwidth?: number;
  /** "640x360"; absent for an audio-only variant. */
  resolution?: string;
  frameRate?: number;
  codecs: string;
};

/** A master playlist over the live variants, in the order given (the first is where players start). */
export function liveMasterPlaylist(variants: readonly LiveVariant[]): string {
  if (variants.length === 0) throw new RangeError("a master playlist needs at least one variant");
  const lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"];
  for (const v of variants) {
    const attributes = [
      `BANDWIDTH=${v.bandwidth}`,
      v.averageBandwidth !== undefined ? `AVERAGE-BANDWIDTH=${v.averageBandwidth}` : null,
      v.resolution ? `RESOLUTION=${v.resolution}` : null,
      v.frameRate !== undefined ? `FRAME-RATE=${v.frameRate.toFixed(3)}` : null,
      `CODECS="${v.codecs}"`,
    ].filter((a): a is string => a !== null);
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(",")}`, v.uri);
  }
  return `${lines.join("\n")}\n`;
}
