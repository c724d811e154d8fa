import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import type { Queryable } from "~/db/database.server";
import { requestScope } from "~/http/request-scope.server";
import { VISITOR_COOKIE } from "~/http/visitor.server";
import { runInRequestContext } from "~/observability/request-context.server";
import { request } from "../support/route-call";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Issue 8 item 1: the one way routes reach data. Every run is a transaction as the
// request's own identity; who is asking is looked up once per request.
let t: TestDatabase;
let context: AppContext;
let adminCookie: string;

type Seen = { role: string; uid: string | null; visitor: string | null; order: string | null };
const WHO_AM_I =
  "select current_user as role, auth.uid()::text as uid, " +
  "current_setting('request.jwt.claims', true)::jsonb ->> 'visitor' as visitor, " +
  "current_setting('request.jwt.claims', true)::jsonb ->> 'order' as order";

const whoAmI = (tx: Queryable) => tx.query<Seen>(WHO_AM_I).then((r) => r.rows[0]);

beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  adminCookie = await signIn(context, "admin@zhengjia.demo");
});
afterAll(() => t.destroy());

describe("request scope", () => {
  it("runs a guest as anon and a signed-in user as authenticated with their id", async () => {
    const guest = await requestScope(context, request("/", null)).run(whoAmI);
    expect(guest).toMatchObject({ role: "anon", uid: null, visitor: null });
    const scope = requestScope(context, request("/", adminCookie));
    const user = await scope.user();
    expect(user?.email).toBe("admin@zhengjia.demo");
    expect(await scope.run(whoAmI)).toMatchObject({ role: "authenticated", uid: user!.id });
  });

  it("reads public pages as anon even when someone is signed in, without looking them up", async () => {
    let lookups = 0;
    const counting: AppContext = { ...context, auth: { ...context.auth, getUser: (r) => (lookups++, context.auth.getUser(r)) } };
    expect(await requestScope(counting, request("/", adminCookie)).runPublic(whoAmI)).toMatchObject({ role: "anon", uid: null });
    expect(lookups).toBe(0);
  });

  it("looks the user up once per request however many loaders ask", async () => {
    let lookups = 0;
    const counting: AppContext = { ...context, auth: { ...context.auth, getUser: (r) => (lookups++, context.auth.getUser(r)) } };
    await runInRequestContext("one-request", async () => {
      // Remix gives each loader its own copy of the Request: the scope still shares the lookup.
      await requestScope(counting, request("/dashboard/zhengjia", adminCookie)).run(whoAmI);
      await requestScope(counting, request("/dashboard/zhengjia", adminCookie)).user();
    });
    expect(lookups).toBe(1);
  });

  it("issues a visitor on a guest's first write, runs as it and sets its cookie once", async () => {
    const scope = requestScope(context, request("/cart", null));
    expect((await scope.responseHeaders()).get("Set-Cookie")).toBeNull();
    const visitor = await scope.ensureVisitor();
    expect(visitor.isNew).toBe(true);
    expect(await scope.ensureVisitor()).toBe(visitor);
    expect(await scope.run(whoAmI)).toMatchObject({ role: "anon", visitor: visitor.hash });
    expect((await scope.responseHeaders()).get("Set-Cookie")).toMatch(new RegExp(`^${VISITOR_COOKIE}=${visitor.token};`));
    // A returning visitor keeps theirs and gets no new cookie.
    const back = requestScope(context, request("/cart", `${VISITOR_COOKIE}=${visitor.token}`));
    expect((await back.ensureVisitor()).hash).toBe(visitor.hash);
    expect((await back.responseHeaders()).get("Set-Cookie")).toBeNull();
  });

  it("carries a right the server verified (a signed order link) only into the run that asked", async () => {
    const scope = requestScope(context, request("/orders/x", null));
    const orderId = "6f1d8e3c-1f0b-4f51-9a55-2b0b7c1d9e01";
    expect(await scope.run(whoAmI, { order: orderId })).toMatchObject({ order: orderId });
    expect(await scope.run(whoAmI)).toMatchObject({ order: null });
  });

  it("acts as a user who has just signed in, before their cookie reaches the server", async () => {
    const admin = await requestScope(context, request("/", adminCookie)).user();
    const scope = requestScope(context, request("/login", null)).signedInAs(admin!);
    expect(await scope.run(whoAmI)).toMatchObject({ role: "authenticated", uid: admin!.id });
    const acting = await scope.acting();
    const [row] = await acting.statement<Seen>({ sql: WHO_AM_I });
    expect(row).toMatchObject({ role: "authenticated", uid: admin!.id });
  });
});
