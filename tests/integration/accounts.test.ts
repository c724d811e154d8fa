import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { action as signupAction } from "~/routes/signup";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { loader as accountLoader } from "~/routes/account";
import { loader as dashboardLoader } from "~/routes/dashboard.$coopSlug";
import { request, settle } from "../support/route-call";
import { echoedValuesOf, fieldErrorsOf } from "../support/form-reply";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Sign-up, sign-in (throttled), sign-out and who may open which dashboard — through the routes.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
});
afterAll(() => t.destroy());

const login = (form: Record<string, string>, ip = "203.0.113.9") =>
  settle(() =>
    loginAction({
      request: new Request("http://localhost/login", {
        method: "POST",
        headers: { "X-Harvest-Client-Ip": ip },
        body: new URLSearchParams(form),
      }),
      params: {},
      context,
    }),
  );

describe("local accounts", () => {
  it("signs a consumer up, keeps them signed in, and signs them out", async () => {
    const signup = await settle(() =>
      signupAction({
        request: request("/signup", null, {
          email: "Mei@Example.com",
          password: "rice-and-fungus",
          displayName: "李梅",
          redirectTo: "/account",
        }),
        params: {},
        context,
      }),
    );
    expect(signup).toMatchObject({ status: 302, location: "/account" });
    const [cookie, device] = signup.headers!.getSetCookie();
    expect(cookie).toMatch(/^hl_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    // The browser that signed up is a known device for the new account (sign-in throttling).
    expect(device).toMatch(/^hl_device=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
    const session = cookie.split(";")[0];

    const account = await settle(() => accountLoader({ request: request("/account", session), params: {}, context }));
    expect(account.body).toMatchObject({ email: "mei@example.com", orders: [] });

    const out = await settle(() => logoutAction({ request: request("/logout", session, {}), params: {}, context }));
    expect(out.headers!.get("Set-Cookie")).toMatch(/hl_session=; .*Max-Age=0/);
    expect(await settle(() => accountLoader({ request: request("/account", session), params: {}, context }))).toMatchObject({
      status: 302,
      location: "/login?redirectTo=/account",
    });
  });

  it("explains bad input field by field and refuses a taken email", async () => {
    const bad = await settle(() =>
      signupAction({ request: request("/signup", null, { email: "nope", password: "short", displayName: "" }), params: {}, context }),
    );
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(bad.body)).toEqual({
      email: "auth.errors.email",
      password: "auth.errors.passwordShort",
      displayName: "auth.errors.name",
    });
    // What was typed comes back, except the password.
    expect(echoedValuesOf(bad.body)).toMatchObject({ email: "nope" });
    expect(echoedValuesOf(bad.body)).not.toHaveProperty("password");
    const taken = await settle(() =>
      signupAction({
        request: request("/signup", null, { email: "admin@zhengjia.demo", password: "long-enough", displayName: "X" }),
        params: {},
        context,
      }),
    );
    expect(taken).toMatchObject({ status: 409, body: { failure: "email_taken" } });
  });

  it("refuses a wrong password, then throttles after five failures", async () => {
    expect(await login({ email: "host@laohutou.demo", password: "wrong" })).toMatchObject({
      status: 401,
      body: { failure: "invalid_credentials" },
    });
    expect(await login({ email: "nobody@example.com", password: "x" })).toMatchObject({
      status: 401,
      body: { failure: "invalid_credentials" },
    });
    for (let i = 0; i < 4; i++) await login({ email: "host@laohutou.demo", password: `wrong-${i}` });
    const throttled = await login({ email: "host@laohutou.demo", password: "harvest-demo" });
    expect(throttled).toMatchObject({ status: 429, body: { failure: "rate_limited" } });
    // Another account from another address is unaffected.
    expect(await login({ email: "host@dongsheng.demo", password: "harvest-demo" }, "198.51.100.7")).toMatchObject({ status: 302 });
  });

  it("only redirects to same-site paths after signing in (an unsafe one falls back to the role's landing page)", async () => {
    expect(
      await login({ email: "admin@daguliu.demo", password: "harvest-demo", redirectTo: "//evil.example" }, "198.51.100.8"),
    ).toMatchObject({ status: 302, location: "/dashboard/daguliu" });
    expect(
      await login({ email: "admin@zhengjia.demo", password: "harvest-demo", redirectTo: "/.//evil.example" }, "198.51.100.9"),
    ).toMatchObject({ status: 302, location: "/dashboard/zhengjia" });
  });
});

describe("dashboard access", () => {
  const open = async (slug: string, cookie: string | null) =>
    (await settle(() => dashboardLoader({ request: request(`/dashboard/${slug}`, cookie), params: { coopSlug: slug }, context }))).status;

  it("lets a cooperative's admins in, and nobody else", async () => {
    const zhengjiaAdmin = await signIn(context, "admin@zhengjia.demo");
    const zhengjiaHost = await signIn(context, "host@zhengjia.demo");
    const platform = await signIn(context, "admin@platform.demo");
    expect(await open("zhengjia", null)).toBe(302);
    expect(await open("zhengjia", zhengjiaAdmin)).toBe(200);
    expect(await open("daguliu", zhengjiaAdmin)).toBe(404);
    expect(await open("zhengjia", zhengjiaHost)).toBe(404);
    expect(await open("no-such-coop", zhengjiaAdmin)).toBe(404);
    expect(await open("daguliu", platform)).toBe(200);
  });
});

describe("throttling under a burst", () => {
  it("lets at most five of many parallel wrong guesses through to the password check", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login({ email: "host@huangjiuguan.demo", password: `guess-${i}` }, "192.0.2.44")),
    );
    expect(attempts.filter((a) => a.status === 401)).toHaveLength(5);
    expect(attempts.filter((a) => a.status === 429)).toHaveLength(7);
  });
});
