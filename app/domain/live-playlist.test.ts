import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { liveMasterPlaylist, liveMediaPlaylist, liveWindow, type LoopSegment } from "./live-playlist";
import { parseMasterPlaylist, parseMediaPlaylist } from "./m3u8";

const twelve: LoopSegment[] = Array.from({ length: 12 }, (_, i) => ({ uri: `/m/seg-${String(i).padStart(2, "0")}.ts`, duration: 2 }));
const EPOCH = Date.UTC(2026, 0, 1);
const at = (seconds: number) => EPOCH + seconds * 1000;

describe("liveMediaPlaylist", () => {
  it("writes the last six published segments of the loop, with their date-times, as a live playlist", () => {
    // 30.5 s in: 15 segments (0–14) have ended; 12 is the first of the second pass.
    expect(liveMediaPlaylist({ segments: twelve, epochMs: EPOCH, nowMs: at(30.5) })).toBe(
      [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        "#EXT-X-TARGETDURATION:2",
        "#EXT-X-MEDIA-SEQUENCE:9",
        "#EXT-X-DISCONTINUITY-SEQUENCE:0",
        "#EXT-X-INDEPENDENT-SEGMENTS",
        "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:18.000Z",
        "#EXTINF:2.000,",
        "/m/seg-09.ts",
        "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:20.000Z",
        "#EXTINF:2.000,",
        "/m/seg-10.ts",
        "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:22.000Z",
        "#EXTINF:2.000,",
        "/m/seg-11.ts",
        "#EXT-X-DISCONTINUITY",
        "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:24.000Z",
        "#EXTINF:2.000,",
        "/m/seg-00.ts",
        "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:26.000Z",
        "#EXTINF:2.000,",
        "/m/seg-01.ts",
        "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:28.000Z",
        "#EXTINF:2.000,",
        "/m/seg-02.ts",
        "",
      ].join("\n"),
    );
  });

  it("counts the wraps that slid out of the window in the discontinuity sequence", () => {
    // 3 passes and 10 s in: segments 0–40 ended; window 35–40; wraps at 12 and 24 slid out, 36's is in.
    const window = liveWindow({ segments: twelve, epochMs: EPOCH, nowMs: at(3 * 24 + 10) });
    expect(window.mediaSequence).toBe(35);
    expect(window.discontinuitySequence).toBe(2);
    expect(window.segments.map((s) => [s.sequence, s.discontinuity])).toEqual([
      [35, false],
      [36, true],
      [37, false],
      [38, false],
      [39, false],
      [40, false],
    ]);
  });

  it("publishes a segment only once it has ended, and starts short", () => {
    expect(liveWindow({ segments: twelve, epochMs: EPOCH, nowMs: at(-5) }).segments).toEqual([]);
    expect(liveWindow({ segments: twelve, epochMs: EPOCH, nowMs: at(1.999) }).segments).toEqual([]);
    expect(liveWindow({ segments: twelve, epochMs: EPOCH, nowMs: at(2) }).segments.map((s) => s.sequence)).toEqual([0]);
    expect(liveWindow({ segments: twelve, epochMs: EPOCH, nowMs: at(7) }).segments.map((s) => s.sequence)).toEqual([0, 1, 2]);
  });

  it("keeps uneven durations (an audio rendition's 2.005 / 1.984 s) exact to the millisecond", () => {
    const audio = [2.005333, 2.005333, 1.984].map((duration, i) => ({ uri: `a${i}.ts`, duration }));
    const playlist = parseMediaPlaylist(liveMediaPlaylist({ segments: audio, epochMs: EPOCH, nowMs: at(100), windowSize: 3 }));
    expect(playlist.segments).toHaveLength(3);
    expect(playlist.segments.every((s) => s.duration === 2.005 || s.duration === 1.984)).toBe(true);
    for (let i = 1; i < playlist.segments.length; i++) {
      const previous = playlist.segments[i - 1];
      expect(Date.parse(playlist.segments[i].programDateTime!) - Date.parse(previous.programDateTime!)).toBe(
        Math.round(previous.duration * 1000),
      );
    }
    expect(playlist.targetDuration).toBe(2);
  });

  it("refuses a loop it cannot play", () => {
    expect(() => liveWindow({ segments: [], epochMs: EPOCH, nowMs: at(10) })).toThrow(RangeError);
    expect(() => liveWindow({ segments: [{ uri: "a.ts", duration: 0 }], epochMs: EPOCH, nowMs: at(10) })).toThrow(RangeError);
    expect(() => liveWindow({ segments: twelve, epochMs: EPOCH, nowMs: at(10), windowSize: 0 })).toThrow(RangeError);
  });
});

// Loops of 1–15 segments of 0.5–6 s (whole ms), window 1–10, the first minutes or any moment in ten years.
const loopArb = fc
  .array(fc.integer({ min: 500, max: 6000 }), { minLength: 1, maxLength: 15 })
  .map((durations) => durations.map((ms, i) => ({ uri: `s${i}.ts`, duration: ms / 1000 })));
const windowArb = fc.integer({ min: 1, max: 10 });
const elapsedArb = fc.oneof(fc.integer({ min: -10_000, max: 600_000 }), fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }));

describe("liveWindow properties", () => {
  it("never moves the media sequence or the live edge backwards as time passes", () => {
    fc.assert(
      fc.property(loopArb, windowArb, elapsedArb, fc.integer({ min: 0, max: 120_000 }), (segments, windowSize, elapsed, later) => {
        const a = liveWindow({ segments, epochMs: EPOCH, nowMs: EPOCH + elapsed, windowSize });
        const b = liveWindow({ segments, epochMs: EPOCH, nowMs: EPOCH + elapsed + later, windowSize });
        expect(b.mediaSequence).toBeGreaterThanOrEqual(a.mediaSequence);
        expect(b.mediaSequence + b.segments.length).toBeGreaterThanOrEqual(a.mediaSequence + a.segments.length);
        expect(b.discontinuitySequence).toBeGreaterThanOrEqual(a.discontinuitySequence);
      }),
    );
  });

  it("holds windowSize consecutive segments once that many have been published, ending at the live edge", () => {
    fc.assert(
      fc.property(loopArb, windowArb, elapsedArb, (segments, windowSize, elapsed) => {
        const nowMs = EPOCH + elapsed;
        const window = liveWindow({ segments, epochMs: EPOCH, nowMs, windowSize });
        const published = window.mediaSequence + window.segments.length;
        expect(window.segments.length).toBe(Math.min(windowSize, published));
        expect(window.segments.map((s) => s.sequence)).toEqual(window.segments.map((_, i) => window.mediaSequence + i));
        expect(window.segments.map((s) => s.uri)).toEqual(window.segments.map((s) => segments[s.sequence % segments.length].uri));
        // The newest segment has ended; the next one has not.
        const newest = window.segments.at(-1);
        if (newest) expect(newest.startMs + newest.durationMs).toBeLessThanOrEqual(nowMs);
        const next = liveWindow({ segments, epochMs: EPOCH, nowMs, windowSize: windowSize + 1 });
        const nextStart = newest ? newest.startMs + newest.durationMs : EPOCH;
        const nextDuration = Math.round(segments[published % segments.length].duration * 1000);
        expect(nextStart + nextDuration).toBeGreaterThan(nowMs);
        expect(next.mediaSequence + next.segments.length).toBe(published);
      }),
    );
  });

  it("dates every segment by the durations before it: PDT(k+1) = PDT(k) + EXTINF(k), whole loops from the epoch", () => {
    fc.assert(
      fc.property(loopArb, windowArb, elapsedArb, (segments, windowSize, elapsed) => {
        const text = liveMediaPlaylist({ segments, epochMs: EPOCH, nowMs: EPOCH + elapsed, windowSize });
        const playlist = parseMediaPlaylist(text);
        const loopMs = segments.reduce((sum, s) => sum + Math.round(s.duration * 1000), 0);
        playlist.segments.forEach((segment, i) => {
          const pdt = Date.parse(segment.programDateTime!);
          if (i > 0) {
            const previous = playlist.segments[i - 1];
            expect(pdt - Date.parse(previous.programDateTime!)).toBe(Math.round(previous.duration * 1000));
          }
          const sequence = playlist.mediaSequence + i;
          if (sequence % segments.length === 0) expect((pdt - EPOCH) % loopMs).toBe(0);
          expect(Math.round(segment.duration)).toBeLessThanOrEqual(playlist.targetDuration!);
        });
        expect(playlist.endList).toBe(false);
      }),
    );
  });

  it("gives segment k the discontinuity number ⌊k / n⌋ in every window: the sequence counts wraps before the window", () => {
    fc.assert(
      fc.property(loopArb, windowArb, elapsedArb, (segments, windowSize, elapsed) => {
        const playlist = parseMediaPlaylist(liveMediaPlaylist({ segments, epochMs: EPOCH, nowMs: EPOCH + elapsed, windowSize }));
        const n = segments.length;
        const first = playlist.mediaSequence;
        // Counted one by one where that is cheap (the formula is checked against the count).
        if (first < 50_000) {
          let wrapsBefore = 0;
          for (let j = 1; j < first; j++) if (j % n === 0) wrapsBefore++;
          expect(playlist.discontinuitySequence).toBe(wrapsBefore);
        }
        let cc = playlist.discontinuitySequence;
        playlist.segments.forEach((segment, i) => {
          const k = first + i;
          expect(segment.discontinuity).toBe(k > 0 && k % n === 0);
          if (segment.discontinuity) cc++;
          expect(cc).toBe(Math.floor(k / n));
        });
      }),
    );
  });
});

describe("liveMasterPlaylist", () => {
  it("lists each variant with its bandwidth, resolution and codecs; audio-only without a resolution", () => {
    const text = liveMasterPlaylist([
      {
        uri: "360p.m3u8",
        bandwidth: 700_000,
        averageBandwidth: 650_000,
        resolution: "640x360",
        frameRate: 25,
        codecs: "avc1.42e01e,mp4a.40.2",
      },
      { uri: "audio.m3u8", bandwidth: 73_000, codecs: "mp4a.40.2" },
    ]);
    expect(text).toBe(
      [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        "#EXT-X-INDEPENDENT-SEGMENTS",
        '#EXT-X-STREAM-INF:BANDWIDTH=700000,AVERAGE-BANDWIDTH=650000,RESOLUTION=640x360,FRAME-RATE=25.000,CODECS="avc1.42e01e,mp4a.40.2"',
        "360p.m3u8",
        '#EXT-X-STREAM-INF:BANDWIDTH=73000,CODECS="mp4a.40.2"',
        "audio.m3u8",
        "",
      ].join("\n"),
    );
    expect(parseMasterPlaylist(text).map((v) => [v.uri, v.attributes.CODECS])).toEqual([
      ["360p.m3u8", "avc1.42e01e,mp4a.40.2"],
      ["audio.m3u8", "mp4a.40.2"],
    ]);
    expect(() => liveMasterPlaylist([])).toThrow(RangeError);
  });
});
