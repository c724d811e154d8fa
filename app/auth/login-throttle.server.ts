import type { Database } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";

// Login throttling shared by both auth adapters, kept in the database so every app
// instance sees the same counts: at most 5 failures per email and 30 per address in a
// 15-minute window. An attempt is recorded as a failure *before* the password is checked
// (under a per-email lock), so a burst of parallel guesses cannot slip past the limit;
// a success clears the email's record, and an attempt the auth server could not judge
// (outage) is forgotten.
const WINDOW_MINUTES = 15;
const LIMITS = { email: 5, ip: 30 } as const;

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const keys = (email: string, ip: string) => [`email:${email.toLowerCase()}`, `ip:${ip}`] as const;

/** Checks the limits and, when allowed, records this attempt as a (provisional) failure. */
export async function beginLoginAttempt(db: Database, email: string, ip: string): Promise<ThrottleCheck> {
  const [emailKey, ipKey] = keys(email, ip);
  return asServiceRole(db, async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtext($1))", [emailKey]);
    const { rows } = await tx.query<{ key: string; failures: number; oldest: Date }>(
      `select key, count(*)::int as failures, min(failed_at) as oldest from app_private.login_failures
        where key = any($1) and failed_at > now() - make_interval(mins => $2) group by key`,
      [[emailKey, ipKey], WINDOW_MINUTES],
    );
    for (const row of rows) {
      const limit = row.key === emailKey ? LIMITS.email : LIMITS.ip;
      if (row.failures >= limit) {
        const retryAt = row.oldest.getTime() + WINDOW_MINUTES * 60_000;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)) };
      }
    }
    await tx.query("insert into app_private.login_failures (key) select unnest($1::text[])", [[emailKey, ipKey]]);
    return { allowed: true };
  });
}

/** A successful sign-in: the email's failures are cleared, and this attempt's address entry. */
export async function clearLoginFailures(db: Database, email: string, ip: string): Promise<void> {
  const [emailKey, ipKey] = keys(email, ip);
  await asServiceRole(db, (tx) =>
    tx.query(
      `delete from app_private.login_failures
        where key = $1
           or id = (select max(id) from app_private.login_failures where key = $2)
           or failed_at < now() - interval '1 day'`,
      [emailKey, ipKey],
    ),
  );
}

/** The auth server could not judge the attempt (outage): it should not count against anyone. */
export async function forgetLoginAttempt(db: Database, email: string, ip: string): Promise<void> {
  await asServiceRole(db, (tx) =>
    tx.query(
      `delete from app_private.login_failures where id in (
         select max(id) from app_private.login_failures where key = any($1) group by key)`,
      [[...keys(email, ip)]],
    ),
  );
}
