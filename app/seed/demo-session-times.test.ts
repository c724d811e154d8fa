import { describe, expect, it } from "vitest";
import { demoSessionTimes, localWallClock, shanghaiLocalTime } from "./demo-session-times";
import { demoSessions } from "./demo-sessions";

const MINUTE = 60_000;

describe("localWallClock", () => {
  it("uses the local (UTC+8) date, not the UTC one", () => {
    // 2026-11-28 20:00 UTC is already 2026-11-29 04:00 in Shanghai.
    const now = new Date("2026-11-28T20:00:00Z");
    expect(localWallClock(now, 0, "19:30").toISOString()).toBe("2026-11-29T11:30:00.000Z");
    expect(localWallClock(now, 1, "10:00").toISOString()).toBe("2026-11-30T02:00:00.000Z");
    expect(localWallClock(now, -2, "00:00").toISOString()).toBe("2026-11-26T16:00:00.000Z");
  });

  it("refuses malformed times", () => {
    for (const bad of ["7:30", "24:00", "19:60", "19.30", ""]) {
      expect(() => localWallClock(new Date(), 0, bad)).toThrow(/HH:MM/);
    }
  });
});

describe("demoSessionTimes", () => {
  const now = new Date("2026-11-28T12:00:00Z"); // 20:00 in Shanghai

  it("starts the live session the given minutes before seeding, with no end", () => {
    const { start, end } = demoSessionTimes(now, "live", { minutesBeforeSeeding: 25 });
    expect(now.getTime() - start.getTime()).toBe(25 * MINUTE);
    expect(end).toBeNull();
  });

  it("puts an upcoming session at its local time on the future day", () => {
    const { start, end } = demoSessionTimes(now, "scheduled", { dayOffset: 1, localTime: "19:30" });
    expect(start.toISOString()).toBe("2026-11-29T11:30:00.000Z");
    expect(shanghaiLocalTime(start)).toBe("19:30");
    expect(end).toBeNull();
  });

  it("rolls a same-day time that has passed to the next day", () => {
    expect(demoSessionTimes(now, "scheduled", { dayOffset: 0, localTime: "19:30" }).start.toISOString()).toBe("2026-11-29T11:30:00.000Z");
    expect(demoSessionTimes(now, "scheduled", { dayOffset: 0, localTime: "20:00" }).start.toISOString()).toBe("2026-11-29T12:00:00.000Z");
    expect(demoSessionTimes(now, "scheduled", { dayOffset: 0, localTime: "20:01" }).start.toISOString()).toBe("2026-11-28T12:01:00.000Z");
  });

  it("ends a replay before now, rolling back a day if it would still be running", () => {
    const past = demoSessionTimes(now, "ended", { dayOffset: -2, localTime: "09:30" }, 95);
    expect(past.start.toISOString()).toBe("2026-11-26T01:30:00.000Z");
    expect(past.end!.getTime() - past.start.getTime()).toBe(95 * MINUTE);
    const today = demoSessionTimes(now, "ended", { dayOffset: 0, localTime: "19:00" }, 90);
    expect(today.start.toISOString()).toBe("2026-11-27T11:00:00.000Z");
    expect(today.end!.getTime()).toBeLessThanOrEqual(now.getTime());
  });

  it("refuses a wall-clock live session and a relative non-live one", () => {
    expect(() => demoSessionTimes(now, "live", { dayOffset: 0, localTime: "10:00" })).toThrow();
    expect(() => demoSessionTimes(now, "scheduled", { minutesBeforeSeeding: 10 })).toThrow();
  });
});

describe("the demo schedule", () => {
  // Seeding at any minute of a day (every 7 minutes over 24 hours) keeps the demo sensible.
  const seedings = Array.from({ length: (24 * 60) / 7 }, (_, i) => new Date(Date.UTC(2026, 10, 28) + i * 7 * MINUTE));

  it("has exactly one live session, and upcoming ones always in the future at daytime or evening hours", () => {
    expect(demoSessions.filter((s) => s.status === "live")).toHaveLength(1);
    for (const now of seedings) {
      for (const s of demoSessions) {
        const { start, end } = demoSessionTimes(now, s.status, s.start, s.durationMinutes);
        if (s.status === "live") expect(start.getTime()).toBeLessThan(now.getTime());
        if (s.status === "scheduled") {
          expect(start.getTime()).toBeGreaterThan(now.getTime());
          expect(shanghaiLocalTime(start) >= "08:00" && shanghaiLocalTime(start) <= "21:59").toBe(true);
        }
        if (s.status === "ended") expect(end!.getTime()).toBeLessThanOrEqual(now.getTime());
      }
    }
  });

  it("names a time of day only when the session starts then", () => {
    const parts = [
      { words: /evening|晚间|晚上|晚饭/i, from: "17:00", to: "23:59" },
      { words: /morning|上午/i, from: "06:00", to: "11:59" },
      { words: /afternoon|下午/i, from: "12:00", to: "17:59" },
    ];
    for (const s of demoSessions) {
      const text = `${s.titleZh} ${s.titleEn} ${s.descriptionZh} ${s.descriptionEn}`;
      for (const part of parts) {
        if (!part.words.test(text)) continue;
        expect("localTime" in s.start, `${s.key} names a time of day but starts relative to seeding`).toBe(true);
        const time = "localTime" in s.start ? s.start.localTime : "";
        expect(time >= part.from && time <= part.to, `${s.key} at ${time} vs ${part.words}`).toBe(true);
      }
    }
  });
});
