import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AuthProvider } from "~/auth/auth-port.server";
import { authProviderFor } from "~/auth/auth-provider.server";
import { SUPABASE_AUTH_COOKIE } from "~/auth/supabase-auth.server";
import { asServiceRole } from "~/db/request-role.server";
import { createSupabaseAuthMock } from "../mocks/supabase";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// The Supabase adapter against a mocked Supabase Auth (msw) and a real test database
// (profiles, login throttle).
const SUPABASE_URL = "https://harvestlive-test.supabase.co";
let t: TestDatabase;
let auth: AuthProvider;
const mock = createSupabaseAuthMock({
  url: SUPABASE_URL,
  onUserCreated: (user) =>
    asServiceRole(t.db, (tx) =>
      tx.query("insert into auth.users (id, email, raw_user_meta_data) values ($1, $2, $3)", [
        user.id,
        user.email,
        JSON.stringify(user.user_metadata),
      ]),
    ),
});
const server = setupServer(...mock.handlers);

beforeAll(async () => {
  t = await createTestDatabase();
  auth = authProviderFor({ SUPABASE_URL, SUPABASE_ANON_KEY: "anon-key-for-tests" }, t.db);
  server.listen({ onUnhandledRequest: "error" });
});
afterEach(() => {
  server.resetHandlers();
  Object.assign(mock.settings, { accessTokenSeconds: 3600, confirmEmail: false });
});
afterAll(async () => {
  server.close();
  await t.destroy();
});

// A browser's cookie jar, enough for these tests.
type Jar = Map<string, string>;
function withCookies(jar: Jar, headers: Headers): Jar {
  const next = new Map(jar);
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(";");
    const name = pair.slice(0, pair.indexOf("="));
    const value = pair.slice(pair.indexOf("=") + 1);
    if (/;\s*Max-Age=0/i.test(line) || value === "") next.delete(name);
    else next.set(name, value);
  }
  return next;
}
function request(jar: Jar = new Map(), { ip = "203.0.113.1", https = false } = {}): Request {
  const headers = new Headers({ "X-Harvest-Client-Ip": ip });
  if (jar.size) headers.set("Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
  if (https) headers.set("X-Forwarded-Proto", "https");
  return new Request("http://localhost/login", { method: "POST", headers });
}
const authCookies = (headers: Headers) => headers.getSetCookie().filter((c) => c.startsWith(SUPABASE_AUTH_COOKIE));
const countCalls = (call: string) => mock.calls.filter((c) => c === call).length;
const profileOf = async (id: string) =>
  (await t.db.query<{ email: string; display_name: string }>("select email, display_name from public.profiles where id = $1", [id]))
    .rows[0];

async function signedIn(email: string, password = "correct horse", ip?: string) {
  const result = await auth.signIn(request(new Map(), { ip }), { email, password });
  if (!result.ok) throw new Error(`sign-in failed: ${result.error}`);
  return { user: result.user, jar: withCookies(new Map(), result.headers) };
}

describe("Supabase auth adapter", () => {
  it("is chosen when SUPABASE_URL and SUPABASE_ANON_KEY are set, the local adapter otherwise", () => {
    expect(auth.name).toBe("supabase");
    expect(authProviderFor({}, t.db).name).toBe("local");
  });

  it("signs up: Supabase's user, httpOnly session cookies and a profile row", async () => {
    const result = await auth.signUp(request(), { email: " Mei@Example.com ", password: "correct horse", displayName: "Mei" });
    if (!result.ok) throw new Error(result.error);
    const created = mock.users.get("mei@example.com")!;
    expect(result.user).toEqual({ id: created.id, email: "mei@example.com" });
    const cookies = authCookies(result.headers);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/; Secure/);
    }
    expect(cookies.some((c) => c.includes("code-verifier"))).toBe(false);
    expect(result.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await profileOf(created.id)).toEqual({ email: "mei@example.com", display_name: "Mei" });
    // The cookies are a working session.
    const { user } = await auth.getUser(request(withCookies(new Map(), result.headers)));
    expect(user).toEqual(result.user);
  });

  it("signs in with Supabase's user id, creates a missing profile, and getUser returns that user", async () => {
    const created = await mock.addUser("li.wei@example.com", "correct horse");
    const { user, jar } = await signedIn("li.wei@example.com");
    expect(user).toEqual({ id: created.id, email: "li.wei@example.com" }); // the id requests use as auth.uid()
    expect(await profileOf(created.id)).toEqual({ email: "li.wei@example.com", display_name: "li.wei" });

    const before = countCalls("GET /user");
    const current = await auth.getUser(request(jar));
    expect(current.user).toEqual(user);
    expect(countCalls("GET /user")).toBe(before + 1); // validated by the Auth server, not read from the cookie
    expect(authCookies(current.headers)).toEqual([]); // nothing to refresh
  });

  it("marks cookies Secure over HTTPS", async () => {
    await mock.addUser("secure@example.com", "correct horse");
    const result = await auth.signIn(request(new Map(), { https: true }), { email: "secure@example.com", password: "correct horse" });
    if (!result.ok) throw new Error(result.error);
    for (const cookie of authCookies(result.headers)) expect(cookie).toMatch(/; Secure/);
  });

  it("answers invalid_credentials to a wrong password, then rate_limited after five failures", async () => {
    await mock.addUser("guess@example.com", "correct horse");
    const attempt = () => auth.signIn(request(new Map(), { ip: "198.51.100.7" }), { email: "guess@example.com", password: "wrong" });
    for (let i = 0; i < 5; i++) expect(await attempt()).toEqual({ ok: false, error: "invalid_credentials" });
    const calls = countCalls("POST /token?grant_type=password");
    const limited = await attempt();
    expect(limited).toMatchObject({ ok: false, error: "rate_limited" });
    expect(limited.ok === false && limited.error === "rate_limited" && limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(countCalls("POST /token?grant_type=password")).toBe(calls); // Supabase is not asked at all
    // Even the right password waits out the window.
    const right = await auth.signIn(request(), { email: "guess@example.com", password: "correct horse" });
    expect(right).toMatchObject({ ok: false, error: "rate_limited" });
  });

  it("signs out: clears the cookies and revokes the session at Supabase", async () => {
    await mock.addUser("bye@example.com", "correct horse");
    const { jar } = await signedIn("bye@example.com");
    const headers = await auth.signOut(request(jar));
    expect(mock.calls).toContain("POST /logout?scope=local");
    const cleared = withCookies(jar, headers);
    expect(cleared.size).toBe(0);
    expect(headers.getSetCookie().every((c) => /Max-Age=0/.test(c))).toBe(true);

    expect((await auth.getUser(request(cleared))).user).toBeNull();
    // A copy of the old cookies is worthless: the Auth server no longer knows the session.
    const replay = await auth.getUser(request(jar));
    expect(replay.user).toBeNull();
    expect(withCookies(jar, replay.headers).size).toBe(0);
  });

  it("refreshes an expiring session in getUser and returns the new cookies", async () => {
    mock.settings.accessTokenSeconds = 60; // inside auth-js's 90 s refresh margin
    const created = await mock.addUser("refresh@example.com", "correct horse");
    const { jar } = await signedIn("refresh@example.com");
    mock.settings.accessTokenSeconds = 3600;
    const refreshes = countCalls("POST /token?grant_type=refresh_token");
    const current = await auth.getUser(request(jar));
    expect(current.user?.id).toBe(created.id);
    expect(countCalls("POST /token?grant_type=refresh_token")).toBe(refreshes + 1);
    expect(authCookies(current.headers).length).toBeGreaterThan(0);
    // The rotated cookies work without another refresh.
    const next = await auth.getUser(request(withCookies(jar, current.headers)));
    expect(next.user?.id).toBe(created.id);
    expect(countCalls("POST /token?grant_type=refresh_token")).toBe(refreshes + 1);
  });

  it("answers email_taken to a second sign-up with the same email", async () => {
    await mock.addUser("taken@example.com", "correct horse");
    const result = await auth.signUp(request(), { email: "taken@example.com", password: "another one", displayName: "Again" });
    expect(result).toEqual({ ok: false, error: "email_taken" });
  });

  it("answers unavailable when the Auth server fails, without counting a failed login", async () => {
    await mock.addUser("outage@example.com", "correct horse");
    const { jar } = await signedIn("outage@example.com");
    const failure = () => HttpResponse.json({ code: "unexpected_failure", message: "Unexpected failure" }, { status: 500 });
    server.use(
      http.post(`${mock.authUrl}/token`, failure),
      http.post(`${mock.authUrl}/signup`, failure),
      http.get(`${mock.authUrl}/user`, failure),
      http.post(`${mock.authUrl}/logout`, failure),
    );
    for (let i = 0; i < 6; i++) {
      expect(await auth.signIn(request(), { email: "outage@example.com", password: "correct horse" })).toEqual({
        ok: false,
        error: "unavailable",
      });
    }
    expect(await auth.signUp(request(), { email: "new@example.com", password: "correct horse", displayName: "New" })).toEqual({
      ok: false,
      error: "unavailable",
    });
    const { rows } = await t.db.query<{ n: number }>(
      "select count(*)::int as n from app_private.login_failures where key = 'email:outage@example.com'",
    );
    expect(rows[0].n).toBe(0);
    // A signed-in visitor looks signed out during the outage, and keeps the cookies.
    const current = await auth.getUser(request(jar));
    expect(current.user).toBeNull();
    expect(current.headers.getSetCookie()).toEqual([]);
    // Signing out still ends the session in this browser.
    expect(withCookies(jar, await auth.signOut(request(jar))).size).toBe(0);
  });

  it("answers unavailable (and warns the operator) when the project requires email confirmation", async () => {
    mock.settings.confirmEmail = true;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const result = await auth.signUp(request(), { email: "confirm@example.com", password: "correct horse", displayName: "C" });
    expect(result).toEqual({ ok: false, error: "unavailable" });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("Confirm email"));
    warn.mockRestore();
  });
});
