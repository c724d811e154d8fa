import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Database } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";
import { readCookie } from "~/i18n/locale";
import { clientAddress, isSecureRequest } from "./auth-port.server";

// Login throttling shared by both auth adapters: slow online guessing down without
// letting anyone lock the real owner out ("device cookies", OWASP).
//
// - A successful sign-in gives the browser a long-lived device cookie bound to that
//   email (HMAC-signed with the app's secret). An attempt that presents a valid device
//   cookie for the email it names is judged only by that device's own failures: at most
//   DEVICE.limit in DEVICE.windowMinutes, after which that device cookie is itself locked
//   out for the rest of the window. The email-wide and address-wide counters never apply
//   to it, so an attacker's guesses cannot keep the owner out of their own browser.
// - Any other attempt (unknown browser) faces an email-wide and a per-address limit that
//   grow a delay instead of locking out: `free` failures, then a cooldown after the latest
//   failure that doubles with each further one, capped (BACKOFF).
//
// Counts live in the database (app_private.login_failures: "email:…", "ip:…", "device:…"
// keys), so every app instance sees the same ones. An attempt is recorded as a failure
// *before* the password is checked, under per-key advisory locks, so a burst of parallel
// guesses cannot slip past a limit; a success deletes this attempt's own records, and an
// attempt the auth server could not judge (outage) is forgotten.

export const DEVICE_COOKIE = "hl_device";
export const DEVICE = { limit: 10, windowMinutes: 60, maxAgeDays: 365, perBrowser: 5 } as const;
export const BACKOFF = {
  windowHours: 24,
  email: { free: 5, baseSeconds: 30, capSeconds: 15 * 60 },
  ip: { free: 20, baseSeconds: 30, capSeconds: 15 * 60 },
} as const;

export type BackoffRule = { free: number; baseSeconds: number; capSeconds: number };
export type KeyStats = { failures: number; oldest: Date; latest: Date };

// ---------------------------------------------------------------------------
// Pure decisions
// ---------------------------------------------------------------------------

/** The cooldown after `failures` failures: none for the free ones, then base × 2^k, capped. */
export function backoffSeconds(failures: number, rule: BackoffRule): number {
  if (failures < rule.free) return 0;
  const doublings = Math.min(failures - rule.free, 30);
  return Math.min(rule.capSeconds, rule.baseSeconds * 2 ** doublings);
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const waitUntil = (until: number, now: Date): Verdict => {
  const seconds = Math.ceil((until - now.getTime()) / 1000);
  return seconds > 0 ? { allowed: false, retryAfterSeconds: seconds } : { allowed: true };
};

/**
 * The address a failure counts against. One IPv6 customer usually holds a whole /64, so
 * counting per full address would give an attacker endless fresh buckets: count per /64.
 * IPv4 (and IPv4-mapped IPv6) addresses count as themselves.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(":")) return address;
  const [head, tail = ""] = address.toLowerCase().split("%")[0].split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** An unknown browser: the longest wait any of its counters (email, address) asks for. */
export function judgeUnknownBrowser(stats: { email?: KeyStats; ip?: KeyStats }, now: Date): Verdict {
  let verdict: Verdict = { allowed: true };
  for (const [stat, rule] of [
    [stats.email, BACKOFF.email],
    [stats.ip, BACKOFF.ip],
  ] as const) {
    // Within the free failures there is no cooldown at all. (Measuring from `latest` would
    // refuse an attempt whose transaction began just before a parallel one recorded its
    // failure: that failure is "in the future" of this attempt's now().)
    const cooldown = stat ? backoffSeconds(stat.failures, rule) : 0;
    if (!stat || cooldown === 0) continue;
    const next = waitUntil(stat.latest.getTime() + cooldown * 1000, now);
    if (!next.allowed && (verdict.allowed || next.retryAfterSeconds > verdict.retryAfterSeconds)) verdict = next;
  }
  return verdict;
}

/** A known device (failures within its window): locked out once it reached the limit. */
export function judgeDevice(stats: KeyStats | undefined, now: Date): Verdict {
  if (!stats || stats.failures < DEVICE.limit) return { allowed: true };
  return waitUntil(stats.oldest.getTime() + DEVICE.windowMinutes * 60_000, now);
}

// ---------------------------------------------------------------------------
// Device cookies: entries "<issued, base36 seconds>.<nonce>.<hmac>", up to
// DEVICE.perBrowser of them joined by "~" (a shared family computer has several people).
// The hmac covers email, issue time and nonce, so an entry names one account and cannot
// be moved to another or extended.
// ---------------------------------------------------------------------------

const deviceKey = (secret: string) => createHmac("sha256", secret).update("harvest-live/login-device-cookie/v1").digest();

function entrySignature(secret: string, email: string, issued: string, nonce: string): string {
  return createHmac("sha256", deviceKey(secret)).update(`${email}\n${issued}\n${nonce}`).digest("base64url");
}

const ENTRY = /^([0-9a-z]{1,10})\.([\w-]{22})\.([\w-]{43})$/;

export function parseDeviceCookie(value: string | null): string[] {
  if (!value) return [];
  return value
    .split("~")
    .filter((entry) => ENTRY.test(entry))
    .slice(0, DEVICE.perBrowser);
}

/** The nonce of this browser's valid device entry for `email`, or null. */
export function deviceFor(secret: string, cookieValue: string | null, email: string, now = new Date()): string | null {
  for (const entry of parseDeviceCookie(cookieValue)) {
    const [, issued, nonce, signature] = ENTRY.exec(entry)!;
    const ageDays = (now.getTime() / 1000 - parseInt(issued, 36)) / 86_400;
    if (ageDays < 0 || ageDays > DEVICE.maxAgeDays) continue;
    const expected = Buffer.from(entrySignature(secret, email, issued, nonce));
    const given = Buffer.from(signature);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return nonce;
  }
  return null;
}

/** A fresh entry for `email`, first, followed by this browser's other valid-looking entries. */
export function issueDeviceEntry(
  secret: string,
  cookieValue: string | null,
  email: string,
  now = new Date(),
): { value: string; nonce: string } {
  const issued = Math.floor(now.getTime() / 1000).toString(36);
  const nonce = randomBytes(16).toString("base64url");
  const fresh = `${issued}.${nonce}.${entrySignature(secret, email, issued, nonce)}`;
  const mine = deviceFor(secret, cookieValue, email, now);
  const others = parseDeviceCookie(cookieValue).filter((entry) => !mine || ENTRY.exec(entry)![2] !== mine);
  return { value: [fresh, ...others].slice(0, DEVICE.perBrowser).join("~"), nonce };
}

function deviceCookieHeader(request: Request, value: string): string {
  return `${DEVICE_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${DEVICE.maxAgeDays * 86_400}${isSecureRequest(request) ? "; Secure" : ""}`;
}

// ---------------------------------------------------------------------------
// The database side
// ---------------------------------------------------------------------------

/** One attempt in flight: the failure rows recorded for it, and the device that made it. */
export type LoginAttempt = { ids: number[]; email: string; device: string | null };
export type ThrottleCheck = { allowed: true; attempt: LoginAttempt } | { allowed: false; retryAfterSeconds: number };

export type LoginThrottle = {
  /** Checks the limits and, when allowed, records this attempt as a (provisional) failure. */
  begin(request: Request, email: string): Promise<ThrottleCheck>;
  /** The password was right: this attempt was no failure; returns the device cookie to set. */
  succeeded(request: Request, attempt: LoginAttempt): Promise<string>;
  /** The auth server could not judge the attempt (outage): it counts against nobody. */
  forget(attempt: LoginAttempt): Promise<void>;
  /** A new account signed up in this browser: the device cookie that makes it known. */
  remember(request: Request, email: string): string;
};

type StatRow = { key: string; failures: number; oldest: Date; latest: Date; now: Date };

/** secret: the app's secret (AppContext.sessionSecret); device cookies are signed with a key derived from it. */
export function loginThrottle(db: Database, secret: string): LoginThrottle {
  return {
    async begin(request, rawEmail) {
      const email = rawEmail.trim().toLowerCase();
      const device = deviceFor(secret, readCookie(request.headers.get("Cookie"), DEVICE_COOKIE), email);
      const keys = device ? [`device:${device}`] : [`email:${email}`, `ip:${addressBucket(clientAddress(request))}`];
      const windowSeconds = device ? DEVICE.windowMinutes * 60 : BACKOFF.windowHours * 3600;
      return asServiceRole(db, async (tx) => {
        // Sorted, so two attempts sharing keys always take the locks in the same order.
        for (const key of [...keys].sort()) await tx.query("select pg_advisory_xact_lock(hashtext($1))", [key]);
        const { rows } = await tx.query<StatRow>(
          `select k.key, count(f.id)::int as failures, min(f.failed_at) as oldest, max(f.failed_at) as latest, now() as now
             from unnest($1::text[]) as k(key)
             left join app_private.login_failures f on f.key = k.key and f.failed_at > now() - make_interval(secs => $2)
            group by k.key`,
          [keys, windowSeconds],
        );
        const now = rows[0].now;
        const stats = new Map(rows.filter((r) => r.failures > 0).map((r) => [r.key, r]));
        const verdict = device
          ? judgeDevice(stats.get(keys[0]), now)
          : judgeUnknownBrowser({ email: stats.get(keys[0]), ip: stats.get(keys[1]) }, now);
        if (!verdict.allowed) return verdict;
        const inserted = await tx.query<{ id: number }>(
          "insert into app_private.login_failures (key) select unnest($1::text[]) returning id",
          [keys],
        );
        return { allowed: true as const, attempt: { ids: inserted.rows.map((r) => Number(r.id)), email, device } };
      });
    },

    async succeeded(request, attempt) {
      await asServiceRole(db, (tx) =>
        tx.query(
          `delete from app_private.login_failures
            where id = any($1::bigint[]) or key = $2 or failed_at < now() - make_interval(hours => $3)`,
          // A known device starts afresh; email/address counters decay on their own, so a
          // success does not hand an attacker new free guesses.
          [attempt.ids, attempt.device ? `device:${attempt.device}` : "", BACKOFF.windowHours],
        ),
      );
      const issued = issueDeviceEntry(secret, readCookie(request.headers.get("Cookie"), DEVICE_COOKIE), attempt.email);
      return deviceCookieHeader(request, issued.value);
    },

    async forget(attempt) {
      await asServiceRole(db, (tx) => tx.query("delete from app_private.login_failures where id = any($1::bigint[])", [attempt.ids]));
    },

    remember(request, email) {
      const issued = issueDeviceEntry(secret, readCookie(request.headers.get("Cookie"), DEVICE_COOKIE), email.trim().toLowerCase());
      return deviceCookieHeader(request, issued.value);
    },
  };
}

/** Forgets failures past every window (the table would otherwise only shrink on a success). */
export async function forgetOldLoginFailures(db: Database): Promise<number> {
  const { rowCount } = await asServiceRole(db, (tx) =>
    tx.query("delete from app_private.login_failures where failed_at < now() - make_interval(hours => $1)", [BACKOFF.windowHours]),
  );
  return rowCount;
}
