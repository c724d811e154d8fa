// When demo sessions happen, relative to the moment of seeding. Upcoming sessions and replays
// sit at fixed local wall-clock times in the villages' time zone (Asia/Shanghai: UTC+8 all
// year, no daylight saving), so an "evening" session really starts in the evening.

/** Asia/Shanghai is UTC+8 all year. */
export const DEMO_UTC_OFFSET_MINUTES = 8 * 60;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type DemoSessionStart =
  /** Started this many minutes before seeding (the session that is live now). */
  | { minutesBeforeSeeding: number }
  /** Local wall-clock time ("HH:MM") on the seeding day plus dayOffset days (negative = past). */
  | { dayOffset: number; localTime: string };

export type DemoSessionTimes = { start: Date; end: Date | null };

function parseLocalTime(localTime: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(localTime);
  if (!match) throw new Error(`demo session time must be "HH:MM" (00:00–23:59), got "${localTime}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The instant that is `localTime` in UTC+8 on the local date of `now`, shifted by dayOffset days. */
export function localWallClock(now: Date, dayOffset: number, localTime: string): Date {
  const offset = DEMO_UTC_OFFSET_MINUTES * MINUTE;
  const localMidnight = Math.floor((now.getTime() + offset) / DAY) * DAY; // as if UTC
  return new Date(localMidnight - offset + dayOffset * DAY + parseLocalTime(localTime) * MINUTE);
}

/**
 * Start and end of a demo session seeded at `now`.
 * - live: starts `minutesBeforeSeeding` before now, no end;
 * - scheduled: at the wall-clock time; if that is not after now, the same time a day later;
 * - ended: at the wall-clock time, ending durationMinutes later; if that end is after now,
 *   the same time a day earlier.
 */
export function demoSessionTimes(
  now: Date,
  status: "live" | "scheduled" | "ended",
  start: DemoSessionStart,
  durationMinutes = 60,
): DemoSessionTimes {
  if ("minutesBeforeSeeding" in start) {
    if (status !== "live") throw new Error("only the live session starts relative to the seeding time");
    return { start: new Date(now.getTime() - start.minutesBeforeSeeding * MINUTE), end: null };
  }
  if (status === "live") throw new Error("a live session starts minutesBeforeSeeding, not at a wall-clock time");
  let at = localWallClock(now, start.dayOffset, start.localTime).getTime();
  if (status === "scheduled") {
    while (at <= now.getTime()) at += DAY;
    return { start: new Date(at), end: null };
  }
  while (at + durationMinutes * MINUTE > now.getTime()) at -= DAY;
  return { start: new Date(at), end: new Date(at + durationMinutes * MINUTE) };
}

/** "HH:MM" of an instant in Asia/Shanghai (for tests and logs). */
export function shanghaiLocalTime(instant: Date): string {
  const local = new Date(instant.getTime() + DEMO_UTC_OFFSET_MINUTES * MINUTE);
  return `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
}
