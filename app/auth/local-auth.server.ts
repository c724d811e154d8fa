import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "~/db/database.server";
import { asServiceRole, atomicAsServiceRole } from "~/db/request-role.server";
import { hashToken } from "~/http/visitor.server";
import { readCookie } from "~/i18n/locale";
import { isSecureRequest, type AuthProvider, type AuthResult, type AuthUser } from "./auth-port.server";
import { loginThrottle } from "./login-throttle.server";
import { hashPassword, verifyPassword } from "./password.server";

// The embedded auth adapter. Sessions are rows in app_private.sessions keyed by the
// sha256 of a random cookie token, so any app instance can check them and signing out
// really ends the session. Only this module (privileged, service_role) touches them.
export const SESSION_COOKIE = "hl_session";
const SESSION_DAYS = 30;
// Checked when the email is unknown, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | null = null;
const dummyPasswordHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));

function sessionCookie(request: Request, token: string | null): string {
  const base = `${SESSION_COOKIE}=${token ?? ""}; Path=/; HttpOnly; SameSite=Lax${isSecureRequest(request) ? "; Secure" : ""}`;
  return token ? `${base}; Max-Age=${SESSION_DAYS * 86_400}` : `${base}; Max-Age=0`;
}

async function startSession(db: Database, request: Request, user: AuthUser): Promise<AuthResult> {
  const token = randomBytes(32).toString("base64url");
  await asServiceRole(db, (tx) =>
    tx.query("insert into app_private.sessions (id, user_id, expires_at) values ($1, $2, now() + make_interval(days => $3))", [
      hashToken(token),
      user.id,
      SESSION_DAYS,
    ]),
  );
  return { ok: true, user, headers: new Headers({ "Set-Cookie": sessionCookie(request, token) }) };
}

/** secret: the app's secret (AppContext.sessionSecret), which signs the login device cookies. */
export function localAuthProvider(db: Database, secret: string): AuthProvider {
  const throttle = loginThrottle(db, secret);
  return {
    name: "local",

    async getUser(request) {
      const token = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
      if (!token) return { user: null, headers: new Headers() };
      // Every signed-in page asks this first: one round trip, not a four-step transaction.
      const rows = await atomicAsServiceRole<{ id: string; email: string }>(db, {
        sql: `select u.id, u.email from app_private.sessions s join auth.users u on u.id = s.user_id
               where s.id = $1 and s.expires_at > now()`,
        params: [hashToken(token)],
      });
      return { user: rows[0] ?? null, headers: new Headers() };
    },

    async signIn(request, { email, password }) {
      const normalized = email.trim().toLowerCase();
      const check = await throttle.begin(request, normalized);
      if (!check.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: check.retryAfterSeconds };
      const { rows } = await asServiceRole(db, (tx) =>
        tx.query<{ id: string; email: string; password_hash: string }>(
          `select u.id, u.email, c.password_hash from auth.users u
             join app_private.local_credentials c on c.user_id = u.id where lower(u.email) = $1`,
          [normalized],
        ),
      );
      const found = rows[0];
      const valid = await verifyPassword(password, found?.password_hash ?? (await dummyPasswordHash()));
      if (!found || !valid) {
        // already recorded as a failure by throttle.begin
        return { ok: false, error: "invalid_credentials" };
      }
      const deviceCookie = await throttle.succeeded(request, check.attempt);
      const session = await startSession(db, request, { id: found.id, email: found.email });
      return session.ok ? { ...session, deviceCookie } : session;
    },

    async signUp(request, { email, password, displayName }) {
      const normalized = email.trim().toLowerCase();
      const passwordHash = await hashPassword(password);
      const userId = randomUUID();
      const created = await asServiceRole(db, async (tx) => {
        const inserted = await tx.query(
          `insert into auth.users (id, email) select $1, $2
            where not exists (select 1 from auth.users where lower(email) = $2) on conflict do nothing`,
          [userId, normalized],
        );
        if (inserted.rowCount === 0) return false;
        await tx.query("insert into public.profiles (id, email, display_name) values ($1, $2, $3)", [userId, normalized, displayName]);
        await tx.query("insert into app_private.local_credentials (user_id, password_hash) values ($1, $2)", [userId, passwordHash]);
        return true;
      });
      if (!created) return { ok: false, error: "email_taken" };
      const session = await startSession(db, request, { id: userId, email: normalized });
      // The browser that signed up is known from the start (its owner is never throttled there).
      return session.ok ? { ...session, deviceCookie: throttle.remember(request, normalized) } : session;
    },

    async signOut(request) {
      const token = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
      if (token) await asServiceRole(db, (tx) => tx.query("delete from app_private.sessions where id = $1", [hashToken(token)]));
      return new Headers({ "Set-Cookie": sessionCookie(request, null) });
    },
  };
}
