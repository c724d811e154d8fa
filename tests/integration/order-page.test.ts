import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { orderLinkKey } from "~/http/order-link.server";
import { VISITOR_COOKIE } from "~/http/visitor.server";
import type { OrderSplit } from "~/models/order-split.server";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { loader as orderLoader } from "~/routes/orders.$orderId";
import { action as signupAction } from "~/routes/signup";
import { ids } from "~/seed/seed.server";
import { request, settle } from "../support/route-call";
import { GOOD_DETAILS, Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// The buyer's order page: who sees the full phone number, and the split grouped by party.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
});
afterAll(() => t.destroy());

const FUNGUS = ids.product("zhengjia-black-fungus-250g");
const CORN = ids.product("liujiawobao-waxy-corn-10-ears");
const LIVE = ids.session("liujiawobao-autumn-harvest-live");

type OrderPage = Awaited<ReturnType<typeof orderLoader>>;
const loadOrder = async (orderId: string, cookie: string | null, query = "", locale = "zh-CN") => {
  const r = new Request(`http://localhost/orders/${orderId}${query}`, {
    headers: { ...(cookie ? { Cookie: cookie } : {}), "Accept-Language": locale },
  });
  return settle(() => orderLoader({ request: r, params: { orderId }, context }));
};

describe("the phone number on the order page", () => {
  it("is masked for a guest holding the link or the visitor cookie", async () => {
    const guest = new Shopper(context);
    await guest.add(FUNGUS, 1);
    const orderId = await guest.placeOrder({ ...GOOD_DETAILS, contactPhone: "138 0013 8000" });

    const viaCookie = await guest.order(orderId);
    expect((viaCookie.body as OrderPage).order.contactPhone).toBe("138****8000");
    const viaLink = await loadOrder(orderId, null, `?key=${orderLinkKey(orderId, context.sessionSecret)}`);
    expect(viaLink.status).toBe(200);
    expect((viaLink.body as OrderPage).order.contactPhone).toBe("138****8000");
    // the full number is not anywhere in what the page receives
    expect(JSON.stringify(viaLink.body)).not.toContain("13800138000");
  });

  it("is shown in full to the signed-in buyer, and masked for someone else with their link", async () => {
    const signup = await settle(() =>
      signupAction({
        request: request("/signup", null, {
          email: "buyer-phone@example.com",
          password: "rice-and-fungus",
          displayName: "王小明",
          redirectTo: "/account",
        }),
        params: {},
        context,
      }),
    );
    const session = signup.headers!.get("Set-Cookie")!.split(";")[0];
    const cookie = `${session}; ${VISITOR_COOKIE}=${randomBytes(32).toString("base64url")}`;
    const post = (path: string, form: Record<string, string>) =>
      new Request(`http://localhost${path}`, {
        method: "POST",
        headers: { Cookie: cookie, "Accept-Language": "zh-CN" },
        body: new URLSearchParams(form),
      });
    await settle(() =>
      cartAction({ request: post("/cart", { intent: "add", productId: FUNGUS, quantity: "1", enhanced: "1" }), params: {}, context }),
    );
    const placed = await settle(() =>
      checkoutAction({
        request: post("/checkout", { intent: "place-order", ...GOOD_DETAILS, contactPhone: "139 0000 1234" }),
        params: {},
        context,
      }),
    );
    const orderId = /\/pay\/demo\/([0-9a-f-]{36})/.exec(placed.location ?? "")![1];

    const mine = await loadOrder(orderId, session);
    expect((mine.body as OrderPage).order.contactPhone).toBe("13900001234");
    const shared = await loadOrder(orderId, null, `?key=${orderLinkKey(orderId, context.sessionSecret)}`);
    expect((shared.body as OrderPage).order.contactPhone).toBe("139****1234");
  });
});

describe("the phone number for the cooperative's admins", () => {
  it("is in full for an admin of a cooperative whose items are in the order, masked for another's", async () => {
    const guest = new Shopper(context);
    await guest.add(FUNGUS, 1);
    const orderId = await guest.placeOrder({ ...GOOD_DETAILS, contactPhone: "137 1111 2222" });
    const key = `?key=${orderLinkKey(orderId, context.sessionSecret)}`;
    const zhengjiaAdmin = await signIn(context, "admin@zhengjia.demo");
    const daguliuAdmin = await signIn(context, "admin@daguliu.demo");
    expect(((await loadOrder(orderId, zhengjiaAdmin, key)).body as OrderPage).order.contactPhone).toBe("13711112222");
    expect(((await loadOrder(orderId, daguliuAdmin, key)).body as OrderPage).order.contactPhone).toBe("137****2222");
  });
});

describe("where the money goes", () => {
  // The page gets names in its language only; shares keep one order in both (sorted on English names).
  const shapeOf = (split: OrderSplit) => split.groups.map((g) => ({ party: g.party, amounts: g.shares.map((s) => s.amountFen) }));
  const expectConsistent = (split: OrderSplit, totalFen: number) => {
    expect(split.groups.map((g) => g.party)).toEqual(["household", "collective", "streamer", "platform"]);
    for (const group of split.groups) {
      expect(group.subtotalFen).toBe(group.shares.reduce((sum, s) => sum + s.amountFen, 0));
    }
    expect(split.totalFen).toBe(totalFen);
    expect(split.groups.reduce((sum, g) => sum + g.subtotalFen, 0)).toBe(totalFen);
  };

  it("groups a mixed order by party, names the streamer and the session, and adds up before and after payment", async () => {
    const buyer = new Shopper(context);
    await buyer.add(FUNGUS, 2);
    await buyer.add(CORN, 1, LIVE);
    const orderId = await buyer.placeOrder();

    const before = (await buyer.order(orderId)).body as OrderPage;
    expect(before.split.source).toBe("projection");
    expectConsistent(before.split, before.order.totalFen);
    expect(before.split.groups.find((g) => g.party === "collective")!.shares).toHaveLength(2);
    const streamer = before.split.groups.find((g) => g.party === "streamer")!;
    const host = (
      await t.db.query<{ display_name: string; title_zh: string; title_en: string }>(
        `select p.display_name, s.title_zh, s.title_en from public.live_sessions s join public.profiles p on p.id = s.host_user_id
        where s.id = $1`,
        [LIVE],
      )
    ).rows[0];
    expect(streamer.shares).toEqual([expect.objectContaining({ name: host.display_name, sessions: [host.title_zh] })]);

    // The same groups in the same order whatever the page's language, each in its own.
    const en = (await loadOrder(orderId, `${VISITOR_COOKIE}=${buyer.token}`, "", "en")).body as OrderPage;
    expect(shapeOf(en.split)).toEqual(shapeOf(before.split));
    for (const group of en.split.groups) {
      const names = group.shares.map((s) => s.name);
      expect(names).toEqual([...names].sort());
    }
    expect(en.split.groups.find((g) => g.party === "streamer")!.shares[0].sessions).toEqual([host.title_en]);

    await buyer.pay(orderId);
    const after = (await buyer.order(orderId)).body as OrderPage;
    expect(after.split.source).toBe("ledger");
    expectConsistent(after.split, after.order.totalFen);
    expect(shapeOf(after.split)).toEqual(shapeOf(before.split));
    expect(after.split.groups.map((g) => g.subtotalFen)).toEqual(before.split.groups.map((g) => g.subtotalFen));
    expect(after.split.groups.find((g) => g.party === "streamer")!.shares[0]).toMatchObject({ name: host.display_name });
  });
});
