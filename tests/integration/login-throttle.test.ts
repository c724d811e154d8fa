import type { AddressInfo } from "node:net";
import express from "express";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authProviderFor } from "~/auth/auth-provider.server";
import { DEVICE, DEVICE_COOKIE, forgetOldLoginFailures } from "~/auth/login-throttle.server";
import type { AppContext } from "~/context.server";
import { parseEnv } from "~/env.server";
import { messagesFor } from "~/i18n/messages.server";
import { createTranslate } from "~/i18n/translate";
import { action as loginAction, headers as loginHeaders } from "~/routes/login";
import { clientAddressHeader, trustProxySetting } from "../../server/client-address";
import { createSupabaseAuthMock } from "../mocks/supabase";
import { settle } from "../support/route-call";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Login throttling with device cookies, through the /login route on a real database: an
// attacker's guesses slow down unknown browsers but never lock the owner out of the
// browser they signed in from before.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
});
afterAll(() => t.destroy());

const OWNER = "admin@zhengjia.demo";
type Browser = { ip: string; cookies: Map<string, string> };
const browser = (ip: string): Browser => ({ ip, cookies: new Map() });

async function login(from: Browser, email: string, password: string) {
  const cookie = [...from.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const result = await settle(() =>
    loginAction({
      request: new Request("http://localhost/login", {
        method: "POST",
        headers: { "X-Harvest-Client-Ip": from.ip, ...(cookie ? { Cookie: cookie } : {}) },
        body: new URLSearchParams({ email, password, redirectTo: "/account" }),
      }),
      params: {},
      context,
    }),
  );
  for (const set of result.headers?.getSetCookie() ?? []) {
    const [pair] = set.split(";");
    const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
    if (name === DEVICE_COOKIE) from.cookies.set(name, value);
  }
  const retryAfter = (result as { headers: Headers | null }).headers?.get("Retry-After");
  return { ...result, retryAfter: retryAfter == null ? null : Number(retryAfter) };
}

// The route's 429 is data(), whose headers settle() does not expose: read them from the raw answer.
async function rawLogin(from: Browser, email: string, password: string) {
  const cookie = [...from.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const value = (await loginAction({
    request: new Request("http://localhost/login", {
      method: "POST",
      headers: { "X-Harvest-Client-Ip": from.ip, ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams({ email, password, redirectTo: "/account" }),
    }),
    params: {},
    context,
  })) as { init?: { status?: number; headers?: Record<string, string> }; data?: { retryAfterSeconds?: number } };
  return { status: value.init?.status, retryAfter: Number(value.init?.headers?.["Retry-After"]), data: value.data };
}

/** Time passes for the failures of these keys (rather than waiting in the test). */
async function age(seconds: number, keyLike = "%") {
  await t.db.query("update app_private.login_failures set failed_at = failed_at - make_interval(secs => $1) where key like $2", [
    seconds,
    keyLike,
  ]);
}

describe("device cookies", () => {
  it("an attacker's 50 wrong passwords do not stop the owner signing in from their own browser", async () => {
    const owners = browser("198.51.100.20");
    expect(await login(owners, OWNER, "harvest-demo")).toMatchObject({ status: 302 });
    expect(owners.cookies.get(DEVICE_COOKIE)).toMatch(/^[0-9a-z]+\.[\w-]{22}\.[\w-]{43}$/);
    await login(owners, OWNER, "harvest-demo"); // signs in again later: the cookie is renewed

    // The attacker, from a fresh browser, keeps guessing; time passes between guesses so
    // every one of the 50 really reaches the password check.
    const attacker = browser("203.0.113.66");
    const answers: number[] = [];
    for (let i = 0; i < 50; i++) {
      answers.push((await login(attacker, OWNER, `guess-${i}`)).status);
      if (i < 49) await age(20 * 60); // past both the email's and the address's cooldowns
    }
    expect(answers.every((s) => s === 401)).toBe(true);
    const { rows } = await t.db.query<{ n: number }>("select count(*)::int as n from app_private.login_failures where key = $1", [
      `email:${OWNER}`,
    ]);
    expect(rows[0].n).toBe(50);

    // Unknown browsers now wait (capped, not locked out for good)…
    const fresh = await rawLogin(browser("192.0.2.77"), OWNER, "harvest-demo");
    expect(fresh.status).toBe(429);
    expect(fresh.retryAfter).toBeGreaterThan(800);
    expect(fresh.retryAfter).toBeLessThanOrEqual(900);
    // …but the owner's browser, with its device cookie, signs in with the right password,
    // even from the attacker's own address.
    expect(await login(owners, OWNER, "harvest-demo")).toMatchObject({ status: 302, location: "/account" });
    expect(await login({ ...owners, ip: attacker.ip, cookies: new Map(owners.cookies) }, OWNER, "harvest-demo")).toMatchObject({
      status: 302,
    });
  });

  it("a device cookie counts only for the account it was issued to", async () => {
    const mine = browser("198.51.100.21");
    expect(await login(mine, "host@zhengjia.demo", "harvest-demo")).toMatchObject({ status: 302 });
    // Carrying a device cookie for host@ does not make guesses at admin2@ "known".
    for (let i = 0; i < 5; i++) expect((await login(mine, "admin2@zhengjia.demo", `guess-${i}`)).status).toBe(401);
    expect((await rawLogin(mine, "admin2@zhengjia.demo", "guess-5")).status).toBe(429);
    // A forged cookie is no cookie.
    const forged = browser("198.51.100.22");
    forged.cookies.set(DEVICE_COOKIE, "abc123.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect((await rawLogin(forged, "admin2@zhengjia.demo", "harvest-demo")).status).toBe(429);
  });

  it("a device that fails too often is itself locked out, without touching the email's counter", async () => {
    const email = "host@daguliu.demo";
    const device = browser("198.51.100.23");
    expect(await login(device, email, "harvest-demo")).toMatchObject({ status: 302 });
    for (let i = 0; i < DEVICE.limit; i++) expect((await login(device, email, `typo-${i}`)).status).toBe(401);
    const locked = await rawLogin(device, email, "harvest-demo");
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).toBeGreaterThan(DEVICE.windowMinutes * 60 - 60);
    // The device's failures were its own: another browser is not slowed down by them.
    expect(await login(browser("198.51.100.24"), email, "harvest-demo")).toMatchObject({ status: 302 });
    // Once its window has passed, the device signs in again.
    await age(DEVICE.windowMinutes * 60, "device:%");
    expect(await login(device, email, "harvest-demo")).toMatchObject({ status: 302 });
  });

  it("a burst of parallel guesses from one device cannot exceed its limit", async () => {
    const email = "admin@dongsheng.demo";
    const device = browser("198.51.100.25");
    expect(await login(device, email, "harvest-demo")).toMatchObject({ status: 302 });
    const cookies = new Map(device.cookies);
    const answers = await Promise.all(
      Array.from({ length: DEVICE.limit + 6 }, (_, i) => login({ ip: device.ip, cookies: new Map(cookies) }, email, `guess-${i}`)),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(DEVICE.limit);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(6);
  });
});

describe("unknown browsers", () => {
  it("after 5 failures are told to wait with Retry-After, and the wait grows with each further failure", async () => {
    const email = "host@liujiawobao.demo";
    const fresh = browser("203.0.113.80");
    for (let i = 0; i < 5; i++) expect((await login(fresh, email, `wrong-${i}`)).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const limited = await rawLogin(fresh, email, "harvest-demo");
      expect(limited.status).toBe(429);
      expect(limited.data?.retryAfterSeconds).toBe(limited.retryAfter);
      waits.push(limited.retryAfter);
      await age(limited.retryAfter + 1, `email:${email}`);
      expect((await login(fresh, email, `wrong-again-${round}`)).status).toBe(401);
    }
    expect(waits[0]).toBeGreaterThan(25);
    expect(waits[0]).toBeLessThanOrEqual(30);
    expect(waits[1]).toBeGreaterThan(55);
    expect(waits[1]).toBeLessThanOrEqual(60);
    expect(waits[2]).toBeGreaterThan(115);
    expect(waits[2]).toBeLessThanOrEqual(120);
    // Remix builds the response's headers with the route's headers(): Retry-After reaches the browser.
    const sent = new Headers(
      loginHeaders({
        actionHeaders: new Headers({ "Retry-After": String(waits[0]) }),
        loaderHeaders: new Headers(),
        parentHeaders: new Headers(),
        errorHeaders: undefined,
      }),
    );
    expect(sent.get("Retry-After")).toBe(String(waits[0]));
    // The message says when to try again, in both languages.
    expect(createTranslate("en", messagesFor("en"))("auth.errors.rate_limited_seconds", { seconds: 30 })).toBe(
      "Too many attempts. Try again in 30 s.",
    );
    expect(createTranslate("zh-CN", messagesFor("zh-CN"))("auth.errors.rate_limited_seconds", { seconds: 30 })).toContain("30 秒后");
    // The owner, once the cooldown has passed, signs in from a new browser too.
    await age(10 * 60, `email:${email}`);
    expect(await login(fresh, email, "harvest-demo")).toMatchObject({ status: 302 });
  });

  it("count per /64 for IPv6, so one customer's addresses share one bucket", async () => {
    const email = "host@laohutou.demo";
    for (let i = 0; i < 5; i++) expect((await login(browser(`2001:db8:7:7::${i + 1}`), email, `wrong-${i}`)).status).toBe(401);
    const { rows } = await t.db.query<{ n: number }>(
      "select count(distinct key)::int as n from app_private.login_failures where key like 'ip:2001:db8:7:7%'",
    );
    expect(rows[0].n).toBe(1);
  });

  it("are forgotten once past every window, by the housekeeping job", async () => {
    await t.db.query("insert into app_private.login_failures (key, failed_at) values ('ip:198.51.100.250', now() - interval '25 hours')");
    expect(await forgetOldLoginFailures(t.db)).toBeGreaterThanOrEqual(1);
    const { rows } = await t.db.query("select 1 from app_private.login_failures where key = 'ip:198.51.100.250'");
    expect(rows).toHaveLength(0);
  });
});

describe("with the Supabase adapter", () => {
  const SUPABASE_URL = "https://harvestlive-throttle.supabase.co";
  const mock = createSupabaseAuthMock({
    url: SUPABASE_URL,
    onUserCreated: (user) =>
      t.db.query("insert into auth.users (id, email, raw_user_meta_data) values ($1, $2, $3)", [
        user.id,
        user.email,
        JSON.stringify(user.user_metadata),
      ]),
  });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "bypass" }));
  afterAll(() => server.close());

  it("issues the device cookie too, and the owner's browser gets past an attacker's guesses", async () => {
    const auth = authProviderFor({ SUPABASE_URL, SUPABASE_ANON_KEY: "anon-key-for-tests" }, t.db, context.sessionSecret);
    await mock.addUser("grower@example.com", "correct horse");
    const attempt = (cookie: string | null, password: string, ip = "203.0.113.90") =>
      auth.signIn(
        new Request("http://localhost/login", {
          method: "POST",
          headers: { "X-Harvest-Client-Ip": ip, ...(cookie ? { Cookie: cookie } : {}) },
        }),
        {
          email: "grower@example.com",
          password,
        },
      );
    const first = await attempt(null, "correct horse", "198.51.100.30");
    if (!first.ok) throw new Error(first.error);
    expect(first.deviceCookie).toMatch(
      new RegExp(`^${DEVICE_COOKIE}=[0-9a-z]+\\.[\\w-]{22}\\.[\\w-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+$`),
    );
    const device = first.deviceCookie!.split(";")[0];
    for (let i = 0; i < 5; i++) expect(await attempt(null, `guess-${i}`)).toEqual({ ok: false, error: "invalid_credentials" });
    expect(await attempt(null, "correct horse")).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await attempt(device, "correct horse", "198.51.100.30")).toMatchObject({ ok: true });
  });
});

describe("the client address", () => {
  async function addressSeen(hops: string | undefined, forwardedFor: string) {
    const app = express();
    app.set("trust proxy", trustProxySetting(parseEnv({ NODE_ENV: "test", TRUST_PROXY_HOPS: hops })));
    app.use(clientAddressHeader);
    app.get("/", (req, res) => res.send(String(req.headers["x-harvest-client-ip"])));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { "X-Forwarded-For": forwardedFor, "X-Harvest-Client-Ip": "6.6.6.6" },
      });
      return await response.text();
    } finally {
      server.close();
    }
  }

  it("ignores X-Forwarded-For by default (TRUST_PROXY_HOPS=0), and honours it for the configured hops", async () => {
    expect(trustProxySetting(parseEnv({ NODE_ENV: "production" }))).toBe(false);
    expect(await addressSeen(undefined, "198.51.100.99")).toBe("127.0.0.1");
    expect(await addressSeen("0", "198.51.100.99")).toBe("127.0.0.1");
    // Behind one proxy: the address that proxy saw (the last entry), not what the client claimed first.
    expect(await addressSeen("1", "10.9.9.9, 198.51.100.99")).toBe("198.51.100.99");
    expect(() => parseEnv({ TRUST_PROXY_HOPS: "-1" })).toThrow(/TRUST_PROXY_HOPS must be a whole number/);
  });
});
