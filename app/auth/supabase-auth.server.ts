import { createServerClient, parseCookieHeader, serializeCookieHeader } from "@supabase/ssr";
import { isAuthApiError, type AuthError, type User, type WebSocketLikeConstructor } from "@supabase/supabase-js";
import ws from "ws";
import type { Database } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";
import { isSecureRequest, type AuthProvider, type AuthResult } from "./auth-port.server";
import { loginThrottle } from "./login-throttle.server";

// The Supabase Auth adapter (SUPABASE_URL + SUPABASE_ANON_KEY set). Supabase keeps users,
// passwords and sessions; @supabase/ssr keeps the session in cookies, so any app instance
// can serve any request and nothing lives in process memory. Supabase Auth writes the
// auth.users row itself (in the same database), so the id it returns is the id requests
// use as auth.uid(); this adapter only adds the public.profiles row.
export type SupabaseAuthEnv = { SUPABASE_URL: string; SUPABASE_ANON_KEY: string };

/** Our own storage key, so auth cookies are easy to recognise (chunks: `.0`, `.1`, …). */
export const SUPABASE_AUTH_COOKIE = "hl-sb-auth";

// Sign-up input Supabase refused (the form validates most of this first).
const REFUSED_SIGN_UP = new Set(["weak_password", "email_address_invalid", "validation_failed"]);

function clientFor(env: SupabaseAuthEnv, request: Request) {
  const secure = isSecureRequest(request);
  // Keyed by name: @supabase/ssr may write one cookie twice in a call (the PKCE verifier
  // during sign-up, then the session), and only the last write counts.
  const cookies = new Map<string, string>();
  const supabase = createServerClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    cookies: {
      getAll: () => parseCookieHeader(request.headers.get("Cookie") ?? "").map(({ name, value }) => ({ name, value: value ?? "" })),
      setAll: (toSet) => {
        for (const { name, value, options } of toSet) {
          // HttpOnly: only this server reads the session; there is no browser Supabase client.
          const attributes = { ...options, httpOnly: true, sameSite: "lax" as const, path: "/", secure };
          cookies.set(name, serializeCookieHeader(name, value, attributes));
        }
      },
    },
    // createServerClient itself forces what a server needs: a fresh client per request,
    // the session persisted only to this request's cookies, no auto-refresh timer, no
    // URL session detection, and the PKCE flow (signInWithPassword works with any flow).
    auth: { storageKey: SUPABASE_AUTH_COOKIE },
    // Node 20 has no global WebSocket and realtime-js throws in the constructor without
    // one. We never open a channel. (@types/ws's `new WebSocket(null)` overload is what
    // makes the cast necessary.) global.fetch stays default: msw intercepts it in tests.
    realtime: { transport: ws as unknown as WebSocketLikeConstructor },
  });
  const headers = () => {
    const out = new Headers();
    for (const cookie of cookies.values()) out.append("Set-Cookie", cookie);
    // A response carrying a session must never be cached and replayed to another user.
    if (cookies.size > 0) out.set("Cache-Control", "private, no-store");
    return out;
  };
  return { supabase, cookies, headers };
}

const hasAuthCookie = (request: Request) =>
  parseCookieHeader(request.headers.get("Cookie") ?? "").some(({ name }) => name.startsWith(SUPABASE_AUTH_COOKIE));

/** Outages (network, 5xx) and Supabase's own rate limit are not the user's fault. */
const isUnavailable = (error: AuthError) => !isAuthApiError(error) || error.status >= 500 || error.status === 429;

let warnedAboutConfirmation = false;
function warnConfirmationRequired() {
  if (warnedAboutConfirmation) return;
  warnedAboutConfirmation = true;
  console.warn(
    "Supabase Auth requires email confirmation, so sign-up returned no session. Harvest Live signs people in " +
      "right after sign-up: turn off 'Confirm email' in the project's Auth settings.",
  );
}

async function signedIn(db: Database, user: User, fallbackEmail: string, headers: Headers): Promise<AuthResult> {
  const email = user.email ?? fallbackEmail;
  const meta: unknown = user.user_metadata?.display_name;
  const displayName = typeof meta === "string" && meta.trim() ? meta.trim() : email.split("@")[0];
  // Users who signed up elsewhere (dashboard, another app) get their profile on first sign-in.
  await asServiceRole(db, (tx) =>
    tx.query("insert into public.profiles (id, email, display_name) values ($1, $2, $3) on conflict do nothing", [
      user.id,
      email,
      displayName,
    ]),
  );
  return { ok: true, user: { id: user.id, email }, headers };
}

/** secret: the app's secret (AppContext.sessionSecret), which signs the login device cookies. */
export function supabaseAuthProvider(env: SupabaseAuthEnv, db: Database, secret: string): AuthProvider {
  const throttle = loginThrottle(db, secret);
  return {
    name: "supabase",

    async getUser(request) {
      // Most visitors are anonymous: no client, no round trip.
      if (!hasAuthCookie(request)) return { user: null, headers: new Headers() };
      const { supabase, headers } = clientFor(env, request);
      // getUser (not getSession) asks the Auth server, so a forged or revoked cookie is
      // rejected; an expiring session is refreshed first and the new cookies returned.
      // On any error (no session, revoked, outage) the visitor is treated as signed out.
      const { data } = await supabase.auth.getUser();
      if (!data.user) return { user: null, headers: headers() };
      // getUser just validated (and if needed refreshed) the session, so this reads it
      // back from this request's cookie storage without another round trip.
      const { data: current } = await supabase.auth.getSession();
      return { user: { id: data.user.id, email: data.user.email ?? "" }, headers: headers(), accessToken: current.session?.access_token };
    },

    async signIn(request, { email, password }) {
      const normalized = email.trim().toLowerCase();
      const check = await throttle.begin(request, normalized);
      if (!check.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: check.retryAfterSeconds };
      const { supabase, headers } = clientFor(env, request);
      const { data, error } = await supabase.auth.signInWithPassword({ email: normalized, password });
      if (error || !data.user) {
        if (!error || isUnavailable(error)) {
          await throttle.forget(check.attempt);
          return { ok: false, error: "unavailable" };
        }
        // "Invalid login credentials" (400 invalid_credentials) and any other refusal:
        // the attempt stays recorded as a failure.
        if (error.code === "email_not_confirmed") {
          warnConfirmationRequired();
          return { ok: false, error: "unavailable" };
        }
        return { ok: false, error: "invalid_credentials" };
      }
      const deviceCookie = await throttle.succeeded(request, check.attempt);
      const result = await signedIn(db, data.user, normalized, headers());
      return result.ok ? { ...result, deviceCookie } : result;
    },

    async signUp(request, { email, password, displayName }) {
      const normalized = email.trim().toLowerCase();
      const { supabase, cookies, headers } = clientFor(env, request);
      const { data, error } = await supabase.auth.signUp({
        email: normalized,
        password,
        options: { data: { display_name: displayName } },
      });
      if (error) {
        if (error.code === "user_already_exists" || error.code === "email_exists") return { ok: false, error: "email_taken" };
        if (!isUnavailable(error) && error.code && REFUSED_SIGN_UP.has(error.code)) return { ok: false, error: "invalid_credentials" };
        return { ok: false, error: "unavailable" };
      }
      if (!data.session || !data.user) {
        // The project requires email confirmation: the account exists (or, for a taken
        // email, Supabase pretends it does) but nobody is signed in. The port has no
        // "check your inbox" answer and this app signs people in right after sign-up, so
        // this is a deployment problem, not the user's: answer "unavailable" (no cookies)
        // and tell the operator. Once confirmed, the user can sign in normally.
        warnConfirmationRequired();
        return { ok: false, error: "unavailable" };
      }
      // The PKCE verifier written before the request is useless once a session came back.
      for (const name of cookies.keys()) if (name.endsWith("-code-verifier")) cookies.delete(name);
      const result = await signedIn(db, data.user, normalized, headers());
      // The browser that signed up is known from the start (its owner is never throttled there).
      return result.ok ? { ...result, deviceCookie: throttle.remember(request, normalized) } : result;
    },

    async signOut(request) {
      const { supabase, headers } = clientFor(env, request);
      // Ends this session only (its refresh token is revoked), like the local adapter;
      // "global" would also sign the user out on every other device.
      const { error } = await supabase.auth.signOut({ scope: "local" });
      const out = headers();
      if (error) {
        // Supabase could not be reached: still end the session in this browser.
        const attributes = { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax" as const, secure: isSecureRequest(request) };
        for (const { name } of parseCookieHeader(request.headers.get("Cookie") ?? "")) {
          if (name.startsWith(SUPABASE_AUTH_COOKIE)) out.append("Set-Cookie", serializeCookieHeader(name, "", attributes));
        }
      }
      return out;
    },
  };
}
