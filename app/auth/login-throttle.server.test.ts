import { describe, expect, it } from "vitest";
import {
  BACKOFF,
  DEVICE,
  backoffSeconds,
  deviceFor,
  issueDeviceEntry,
  judgeDevice,
  judgeUnknownBrowser,
  parseDeviceCookie,
} from "./login-throttle.server";

const at = (iso: string) => new Date(iso);
const now = at("2026-12-01T12:00:00Z");
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
const stats = (failures: number, latestSecondsAgo: number, oldestSecondsAgo = latestSecondsAgo) => ({
  failures,
  latest: secondsAgo(latestSecondsAgo),
  oldest: secondsAgo(oldestSecondsAgo),
});

describe("backoff", () => {
  it("gives five free failures, then a cooldown doubling per failure, capped at 15 minutes", () => {
    const delays = Array.from({ length: 13 }, (_, n) => backoffSeconds(n, BACKOFF.email));
    expect(delays).toEqual([0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(backoffSeconds(1000, BACKOFF.email)).toBe(900);
  });
});

describe("an unknown browser", () => {
  it("may try while under the free failures, from any address", () => {
    expect(judgeUnknownBrowser({}, now)).toEqual({ allowed: true });
    expect(judgeUnknownBrowser({ email: stats(4, 0), ip: stats(19, 0) }, now)).toEqual({ allowed: true });
    // A parallel attempt's failure, stamped a moment after this attempt's transaction began
    // (two sign-in forms submitted at once): within the free failures that is no reason to wait.
    expect(judgeUnknownBrowser({ email: stats(1, -0.2), ip: stats(3, -0.2) }, now)).toEqual({ allowed: true });
  });

  it("waits out the cooldown after the latest failure, and no more", () => {
    expect(judgeUnknownBrowser({ email: stats(5, 10) }, now)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(judgeUnknownBrowser({ email: stats(5, 30) }, now)).toEqual({ allowed: true });
    expect(judgeUnknownBrowser({ email: stats(7, 0) }, now)).toEqual({ allowed: false, retryAfterSeconds: 120 });
    // never a flat lockout: even after 50 failures, the wait is the cap
    expect(judgeUnknownBrowser({ email: stats(50, 0, 3600) }, now)).toEqual({ allowed: false, retryAfterSeconds: 900 });
  });

  it("waits for the longer of the email's and the address's cooldowns", () => {
    expect(judgeUnknownBrowser({ email: stats(6, 0), ip: stats(22, 0) }, now)).toEqual({ allowed: false, retryAfterSeconds: 120 });
    expect(judgeUnknownBrowser({ email: stats(1, 0), ip: stats(20, 5) }, now)).toEqual({ allowed: false, retryAfterSeconds: 25 });
  });
});

describe("a known device", () => {
  it("is judged by its own failures only: locked after the limit until its window passes", () => {
    expect(judgeDevice(undefined, now)).toEqual({ allowed: true });
    expect(judgeDevice(stats(DEVICE.limit - 1, 0), now)).toEqual({ allowed: true });
    expect(judgeDevice(stats(DEVICE.limit, 0, 600), now)).toEqual({ allowed: false, retryAfterSeconds: DEVICE.windowMinutes * 60 - 600 });
    expect(judgeDevice(stats(DEVICE.limit, 0, DEVICE.windowMinutes * 60), now)).toEqual({ allowed: true });
  });
});

describe("device cookies", () => {
  const secret = "a-test-secret-of-at-least-32-characters";

  it("are valid for the email they were issued for, and only with the app's secret", () => {
    const { value, nonce } = issueDeviceEntry(secret, null, "owner@example.com", now);
    expect(value).toMatch(/^[0-9a-z]+\.[\w-]{22}\.[\w-]{43}$/);
    expect(deviceFor(secret, value, "owner@example.com", now)).toBe(nonce);
    expect(deviceFor(secret, value, "other@example.com", now)).toBeNull();
    expect(deviceFor("another-secret-of-at-least-32-characters", value, "owner@example.com", now)).toBeNull();
  });

  it("refuse tampering and expire after a year", () => {
    const { value } = issueDeviceEntry(secret, null, "owner@example.com", now);
    const [issued, nonce, signature] = value.split(".");
    const flipped = `${issued}.${nonce}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    expect(deviceFor(secret, flipped, "owner@example.com", now)).toBeNull();
    const later = (1 + DEVICE.maxAgeDays) * 86_400_000;
    expect(deviceFor(secret, value, "owner@example.com", new Date(now.getTime() + later))).toBeNull();
    expect(parseDeviceCookie("garbage~also.garbage")).toEqual([]);
  });

  it("keep one entry per account on a shared browser, newest first, a few at most", () => {
    let cookie: string | null = null;
    const emails = Array.from({ length: DEVICE.perBrowser + 2 }, (_, i) => `user${i}@example.com`);
    for (const email of emails) cookie = issueDeviceEntry(secret, cookie, email, now).value;
    expect(parseDeviceCookie(cookie)).toHaveLength(DEVICE.perBrowser);
    expect(deviceFor(secret, cookie, emails.at(-1)!, now)).not.toBeNull();
    expect(deviceFor(secret, cookie, emails[0], now)).toBeNull(); // the oldest fell off
    const again = issueDeviceEntry(secret, cookie, emails.at(-1)!, now);
    expect(parseDeviceCookie(again.value)).toHaveLength(DEVICE.perBrowser); // replaced, not added
    expect(deviceFor(secret, again.value, emails.at(-1)!, now)).toBe(again.nonce);
  });
});

describe("addressBucket", () => {
  it("counts IPv6 addresses per /64 and IPv4 per address", async () => {
    const { addressBucket } = await import("./login-throttle.server");
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:0db8:0001:0002:0:0:0:1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
  });
});
