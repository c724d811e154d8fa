import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  afterRecovery,
  countdown,
  INITIAL_PLAYBACK,
  isBehindLive,
  MAX_REPLAY_ATTEMPTS,
  nextPlayback,
  NO_RECOVERIES,
  recoveryFor,
  retryDelayMs,
  sessionMode,
  type Playback,
  type PlaybackEvent,
} from "./player-state";

const session = { scheduledStart: "2026-12-03T11:30:00.000Z", playbackUrl: null, replayUrl: null };
const fatal = (now = 0, random = 0.5): PlaybackEvent => ({ type: "fatal", now, random });

describe("sessionMode", () => {
  it("counts down to a scheduled session, plays a live one, replays an ended one", () => {
    expect(sessionMode({ ...session, status: "scheduled" })).toEqual({ kind: "upcoming", startsAt: Date.parse(session.scheduledStart) });
    expect(sessionMode({ ...session, status: "live", playbackUrl: "/hls/x.m3u8" })).toEqual({ kind: "live", src: "/hls/x.m3u8" });
    expect(sessionMode({ ...session, status: "live" })).toEqual({ kind: "offline" });
    expect(sessionMode({ ...session, status: "ended", replayUrl: "/media/r.m3u8" })).toEqual({ kind: "replay", src: "/media/r.m3u8" });
    expect(sessionMode({ ...session, status: "ended" })).toEqual({ kind: "ended" });
    expect(sessionMode({ ...session, status: "cancelled", replayUrl: "/media/r.m3u8" })).toEqual({ kind: "ended" });
  });
});

describe("countdown", () => {
  it("splits the time left into days, hours, minutes and seconds, never below zero", () => {
    const start = Date.UTC(2026, 11, 3, 12);
    expect(countdown(start, start - (86_400 + 3600 * 2 + 60 * 3 + 4) * 1000)).toEqual({
      total: 93_784,
      days: 1,
      hours: 2,
      minutes: 3,
      seconds: 4,
    });
    expect(countdown(start, start - 1)).toMatchObject({ total: 1, seconds: 1 });
    expect(countdown(start, start + 5000)).toEqual({ total: 0, days: 0, hours: 0, minutes: 0, seconds: 0 });
  });
});

describe("retryDelayMs", () => {
  it("doubles from one second up to thirty, with jitter of at most a fifth either way", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => retryDelayMs(a, 0.5))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(retryDelayMs(1, 0)).toBe(800);
    expect(retryDelayMs(1, 0.999999)).toBe(1200);
  });

  it("never waits less than 0.8 s nor more than 30 s, and never less for a later attempt (same jitter)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, random) => {
        const delay = retryDelayMs(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(800);
        expect(delay).toBeLessThanOrEqual(30_000);
        expect(retryDelayMs(attempt + 1, random)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });
});

describe("nextPlayback", () => {
  it("loads, plays, buffers and plays again", () => {
    let s: Playback = INITIAL_PLAYBACK;
    s = nextPlayback(s, { type: "playing" }, true);
    expect(s).toEqual({ phase: "playing", attempt: 0 });
    s = nextPlayback(s, { type: "buffering" }, true);
    expect(s.phase).toBe("buffering");
    expect(nextPlayback(s, { type: "playing" }, true).phase).toBe("playing");
    // Buffering only means something while playing.
    expect(nextPlayback(INITIAL_PLAYBACK, { type: "buffering" }, true)).toBe(INITIAL_PLAYBACK);
  });

  it("retries a live stream with growing delays for as long as it takes, and resets once it plays", () => {
    let s: Playback = INITIAL_PLAYBACK;
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      s = nextPlayback(s, fatal(1000 * i), true);
      expect(s.phase).toBe("retrying");
      if (s.phase === "retrying") delays.push(s.retryAt - 1000 * i);
      // A second fatal error while waiting does not shorten or stretch the wait.
      expect(nextPlayback(s, fatal(1000 * i + 1), true)).toBe(s);
      s = nextPlayback(s, { type: "retry-due" }, true);
      expect(s.phase).toBe("loading");
    }
    expect(delays.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000]);
    s = nextPlayback(s, { type: "playing" }, true);
    expect(s.attempt).toBe(0);
    const again = nextPlayback(s, fatal(0), true);
    expect(again).toEqual({ phase: "retrying", attempt: 1, retryAt: 1000 });
  });

  it("gives a replay up after a few failures in a row; a manual retry starts over", () => {
    let s: Playback = INITIAL_PLAYBACK;
    for (let i = 1; i < MAX_REPLAY_ATTEMPTS; i++) {
      s = nextPlayback(nextPlayback(s, fatal(), false), { type: "retry-due" }, false);
    }
    s = nextPlayback(s, fatal(), false);
    expect(s).toEqual({ phase: "failed", attempt: MAX_REPLAY_ATTEMPTS });
    expect(nextPlayback(s, { type: "retry-due" }, false)).toBe(s);
    expect(nextPlayback(s, { type: "retry-now" }, false)).toEqual({ phase: "loading", attempt: 0 });
  });

  it("finishes when the stream ends, and a retry-due outside a wait changes nothing", () => {
    expect(nextPlayback({ phase: "playing", attempt: 0 }, { type: "ended" }, true).phase).toBe("finished");
    expect(nextPlayback(INITIAL_PLAYBACK, { type: "retry-due" }, true)).toBe(INITIAL_PLAYBACK);
  });

  it("only ever moves to a known phase, and a failed replay stays failed until asked (any event sequence)", () => {
    const event = fc.oneof(
      fc.constant<PlaybackEvent>({ type: "playing" }),
      fc.constant<PlaybackEvent>({ type: "buffering" }),
      fc.constant<PlaybackEvent>({ type: "ended" }),
      fc.constant<PlaybackEvent>({ type: "retry-due" }),
      fc.record({ type: fc.constant("fatal" as const), now: fc.nat(), random: fc.double({ min: 0, max: 1, noNaN: true }) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.boolean(), (events, live) => {
        let s: Playback = INITIAL_PLAYBACK;
        for (const e of events) {
          const next = nextPlayback(s, e, live);
          if (s.phase === "failed" && e.type !== "playing" && e.type !== "ended") expect(next).toBe(s);
          if (live) expect(next.phase).not.toBe("failed");
          s = next;
        }
        expect(["loading", "playing", "buffering", "retrying", "failed", "finished"]).toContain(s.phase);
      }),
    );
  });
});

describe("recoveryFor", () => {
  it("lets hls.js recover a network error once, then rebuilds; a manifest that will not load is rebuilt at once", () => {
    expect(recoveryFor("network", "fragLoadError", NO_RECOVERIES)).toBe("start-load");
    expect(recoveryFor("network", "levelLoadTimeOut", NO_RECOVERIES)).toBe("start-load");
    expect(recoveryFor("network", "fragLoadError", afterRecovery(NO_RECOVERIES, "start-load"))).toBe("rebuild");
    expect(recoveryFor("network", "manifestLoadError", NO_RECOVERIES)).toBe("rebuild");
  });

  it("recovers a media error, then swaps the audio codec, then rebuilds", () => {
    let history = NO_RECOVERIES;
    const steps: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = recoveryFor("media", "bufferAppendError", history);
      steps.push(r);
      history = afterRecovery(history, r);
    }
    expect(steps).toEqual(["recover-media", "swap-audio-codec", "rebuild"]);
    expect(recoveryFor("other", "internalException", NO_RECOVERIES)).toBe("rebuild");
  });
});

describe("isBehindLive", () => {
  it("is behind when paused or well past the target latency", () => {
    expect(isBehindLive(4, 4, false)).toBe(false);
    expect(isBehindLive(8.5, 4, false)).toBe(true);
    expect(isBehindLive(4, 4, true)).toBe(true);
    expect(isBehindLive(null, null, false)).toBe(false);
    expect(isBehindLive(Number.NaN, null, true)).toBe(true);
  });
});
