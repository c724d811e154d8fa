// The live player's decisions, pure (no DOM, no hls.js, no clock): what a session shows,
// how playback moves between loading, playing, retrying and failed, how long to wait before
// the next retry and how an hls.js error is recovered. The component feeds it events.

export type SessionStatus = "scheduled" | "live" | "ended" | "cancelled";

export type SessionInput = {
  status: SessionStatus;
  scheduledStart: string;
  playbackUrl: string | null;
  replayUrl: string | null;
};

/** What the player area is for this session. */
export type SessionMode =
  | { kind: "upcoming"; startsAt: number }
  | { kind: "live"; src: string }
  | { kind: "replay"; src: string }
  | { kind: "ended" }
  /** Live (or starting) but nothing to play: the host has no stream yet. */
  | { kind: "offline" };

export function sessionMode(session: SessionInput): SessionMode {
  switch (session.status) {
    case "scheduled":
      return { kind: "upcoming", startsAt: Date.parse(session.scheduledStart) };
    case "live":
      return session.playbackUrl ? { kind: "live", src: session.playbackUrl } : { kind: "offline" };
    case "ended":
      return session.replayUrl ? { kind: "replay", src: session.replayUrl } : { kind: "ended" };
    default:
      return { kind: "ended" };
  }
}

/** Whole seconds left until `startsAt` (never negative), split for a countdown. */
export function countdown(startsAt: number, now: number): { total: number; days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.ceil((startsAt - now) / 1000));
  return {
    total,
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

export type Playback =
  | { phase: "loading"; attempt: number }
  | { phase: "playing"; attempt: number }
  | { phase: "buffering"; attempt: number }
  | { phase: "retrying"; attempt: number; retryAt: number }
  | { phase: "failed"; attempt: number }
  /** The stream ended (a live playlist got its ENDLIST, or the replay reached its end). */
  | { phase: "finished"; attempt: number };

export type PlaybackEvent =
  | { type: "retry-now" }
  | { type: "playing" }
  | { type: "buffering" }
  | { type: "ended" }
  /** hls.js (or the native player) gave up after its own recovery; `random` in [0, 1) for jitter. */
  | { type: "fatal"; now: number; random: number }
  | { type: "retry-due" };

export const INITIAL_PLAYBACK: Playback = { phase: "loading", attempt: 0 };

/** A replay that fails this many times in a row stops retrying; a live stream never does (the host may come back). */
export const MAX_REPLAY_ATTEMPTS = 5;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/** Exponential backoff with ±20 % jitter (so a thousand viewers do not retry in step): 1 s, 2 s, 4 s … at most 30 s. */
export function retryDelayMs(attempt: number, random: number): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  const jitter = 0.8 + 0.4 * Math.min(Math.max(random, 0), 1);
  return Math.round(Math.min(MAX_DELAY_MS, base * jitter));
}

export function nextPlayback(state: Playback, event: PlaybackEvent, live: boolean): Playback {
  switch (event.type) {
    case "retry-now":
      return { phase: "loading", attempt: state.phase === "failed" ? 0 : state.attempt };
    case "retry-due":
      return state.phase === "retrying" ? { phase: "loading", attempt: state.attempt } : state;
    case "playing":
      // Playing again resets the backoff: the next outage starts from one second.
      return { phase: "playing", attempt: 0 };
    case "buffering":
      return state.phase === "playing" ? { phase: "buffering", attempt: state.attempt } : state;
    case "ended":
      return { phase: "finished", attempt: state.attempt };
    case "fatal": {
      if (state.phase === "retrying" || state.phase === "failed") return state;
      const attempt = state.attempt + 1;
      if (!live && attempt >= MAX_REPLAY_ATTEMPTS) return { phase: "failed", attempt };
      return { phase: "retrying", attempt, retryAt: event.now + retryDelayMs(attempt, event.random) };
    }
  }
}

export type HlsErrorKind = "network" | "media" | "other";
export type Recovery = "start-load" | "recover-media" | "swap-audio-codec" | "rebuild";

/** Recoveries already tried since the player last played (reset on `playing`). */
export type RecoveryHistory = { startLoads: number; mediaRecoveries: number };
export const NO_RECOVERIES: RecoveryHistory = { startLoads: 0, mediaRecoveries: 0 };

// A playlist that cannot be fetched needs a new loadSource (startLoad does not reload it).
const NEEDS_NEW_SOURCE = /^manifest/i;

/**
 * What to do about a fatal hls.js error: let hls.js recover first (startLoad for network
 * errors, recoverMediaError then swapAudioCodec for media errors), once each, and only then
 * tear the player down and retry with backoff ("rebuild").
 */
export function recoveryFor(kind: HlsErrorKind, details: string, history: RecoveryHistory): Recovery {
  if (kind === "network") return history.startLoads < 1 && !NEEDS_NEW_SOURCE.test(details) ? "start-load" : "rebuild";
  if (kind === "media") {
    if (history.mediaRecoveries === 0) return "recover-media";
    if (history.mediaRecoveries === 1) return "swap-audio-codec";
  }
  return "rebuild";
}

export function afterRecovery(history: RecoveryHistory, recovery: Recovery): RecoveryHistory {
  if (recovery === "start-load") return { ...history, startLoads: history.startLoads + 1 };
  if (recovery === "recover-media" || recovery === "swap-audio-codec") return { ...history, mediaRecoveries: history.mediaRecoveries + 1 };
  return history;
}

/** Seconds behind the live edge beyond which "Back to live" shows (the target latency plus two segments of slack). */
export function isBehindLive(latency: number | null, targetLatency: number | null, paused: boolean): boolean {
  if (latency === null || !Number.isFinite(latency) || latency <= 0) return paused;
  return paused || latency > (targetLatency ?? 6) + 4;
}
