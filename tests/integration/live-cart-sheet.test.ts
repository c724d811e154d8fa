import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { VISITOR_COOKIE } from "~/http/visitor.server";
import { action as payAction, loader as payLoader } from "~/routes/pay.demo.$orderId";
import { ids } from "~/seed/seed.server";
import { request, settle } from "../support/route-call";
import { GOOD_DETAILS, Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Issue 9, item 3: the live page's cart sheet buys by fetchers. With enhanced=1 checkout
// answers where to pay (no redirect, so the page and its video stay), and the demo payment
// answers "paid" with the order's link; the order stays attributed to the session.

const LIVE = ids.session("liujiawobao-autumn-harvest-live");
let t: TestDatabase;
let context: AppContext;
let product: string;

beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  product = (
    await t.db.query<{ product_id: string }>(
      "select product_id from public.live_session_products where session_id = $1 order by position limit 1",
      [LIVE],
    )
  ).rows[0].product_id;
});
afterAll(() => t?.destroy());

describe("checkout and demo payment from the live page's cart sheet", () => {
  it("answers with data, not redirects, and pays once", async () => {
    const shopper = new Shopper(context);
    expect((await shopper.add(product, 1, LIVE)).status).toBe(200);
    const placed = await shopper.checkout({ ...GOOD_DETAILS, enhanced: "1" });
    expect(placed.status).toBe(200);
    expect(placed.location).toBeNull();
    const body = placed.body as { kind: string; orderId: string; payUrl: string; totalFen: number };
    expect(body).toMatchObject({ kind: "placed", payUrl: `/pay/demo/${body.orderId}` });
    expect(body.totalFen).toBeGreaterThan(0);

    const cookie = `${VISITOR_COOKIE}=${shopper.token}`;
    const page = await settle(() => payLoader({ request: request(body.payUrl, cookie), params: { orderId: body.orderId }, context }));
    const attemptId = (page.body as { attemptId: string }).attemptId;
    const pay = () =>
      settle(() =>
        payAction({
          request: request(body.payUrl, cookie, { intent: "pay", attemptId, enhanced: "1" }),
          params: { orderId: body.orderId },
          context,
        }),
      );
    const paid = await pay();
    expect(paid.location).toBeNull();
    expect(paid.body).toMatchObject({ paid: true, orderUrl: expect.stringMatching(new RegExp(`^/orders/${body.orderId}\\?key=`)) });
    // A double tap: the order is no longer payable, nothing posts twice.
    expect((await pay()).status).toBe(409);
    const { rows } = await t.db.query<{ status: string; session: string; postings: number }>(
      `select o.status, oi.live_session_id as session,
              (select count(*)::int from public.ledger_postings p where p.order_id = o.id) as postings
         from public.orders o join public.order_items oi on oi.order_id = o.id where o.id = $1`,
      [body.orderId],
    );
    expect(rows[0]).toEqual({ status: "paid", session: LIVE, postings: 1 });
  });

  it("a refused checkout is data with the reason, as on the page", async () => {
    const shopper = new Shopper(context);
    await shopper.add(product, 1, LIVE);
    const invalid = await shopper.checkout({ ...GOOD_DETAILS, contactPhone: "12", enhanced: "1" });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ kind: "invalid" });
  });
});
