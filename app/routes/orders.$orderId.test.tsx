// @vitest-environment jsdom
import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Locale } from "~/i18n/locale";
import type { BuyerOrder } from "~/models/order.server";
import remixConfig from "../../remix.config.js";
import OrderPage from "./orders.$orderId";

// The order page tells the buyer, in their language, that a payment which arrived when it
// should not is going back (ADR 0023), and links back to the live session it was bought in.
const ORDER_ID = "6f1c1f0e-1d2b-4c3a-8e9f-0a1b2c3d4e5f";
const SESSION_ID = "0b0c0d0e-1111-4222-8333-444455556666";

function orderData(change: Partial<BuyerOrder>) {
  const order: BuyerOrder = {
    id: ORDER_ID,
    status: "cancelled",
    totalFen: 3990,
    refundedFen: 0,
    createdAt: "2026-12-03T08:00:00.000Z",
    reservedUntil: "2026-12-03T08:15:00.000Z",
    paidAt: null,
    contactName: "王小明",
    contactPhone: "138****8000",
    province: "浙江省",
    city: "杭州市",
    district: "西湖区",
    addressLine: "文三路 100 号",
    items: [
      {
        id: "i1",
        productId: "p1",
        slug: "zhengjia-black-fungus-250g",
        title: "黑木耳",
        unit: "袋",
        unitPriceFen: 3990,
        quantity: 1,
        refundedQuantity: 0,
        lineTotalFen: 3990,
        soldLive: true,
        liveSessionId: SESSION_ID,
      },
    ],
    autoRefunds: [],
    ...change,
  };
  return { order, split: { source: "projection", groups: [], totalFen: 0 }, justPaid: false, link: `/orders/${ORDER_ID}?key=k` };
}

function renderOrder(locale: Locale, data: ReturnType<typeof orderData>) {
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      loader: () => ({ locale }),
      Component: Outlet,
      children: [{ id: "order", path: "orders/:orderId", loader: () => data, Component: OrderPage }],
    },
  ]);
  return render(
    <Stub
      initialEntries={[`/orders/${ORDER_ID}`]}
      future={remixConfig.future}
      hydrationData={{ loaderData: { root: { locale }, order: data } }}
    />,
  );
}

describe("order page after an automatic refund", () => {
  it("says why the money goes back, in English", async () => {
    renderOrder("en", orderData({ autoRefunds: [{ amountFen: 3990, currency: "CNY", reason: "order_expired", status: "succeeded" }] }));
    const notice = await screen.findByTestId("auto-refund");
    expect(notice.textContent).toContain("Your payment of ¥39.90 arrived after this order had expired, so it is being refunded in full.");
    expect(notice.textContent).toContain("The refund has been sent back to your payment method.");
    expect(screen.getByRole("link", { name: "Back to the live session" }).getAttribute("href")).toBe(`/live/${SESSION_ID}`);
  });

  it("and in Chinese", async () => {
    renderOrder("zh-CN", orderData({ autoRefunds: [{ amountFen: 3990, currency: "CNY", reason: "order_cancelled", status: "pending" }] }));
    const notice = await screen.findByTestId("auto-refund");
    expect(notice.textContent).toContain("你支付的 ¥39.90 在订单取消后才到账，将全额退还。");
    expect(notice.textContent).toContain("退款正在退回你的付款账户。");
    expect(screen.getByRole("link", { name: "回到直播间" })).toBeTruthy();
  });

  it("says nothing of refunds when there are none", async () => {
    renderOrder("en", orderData({ status: "paid", items: orderData({}).order.items.map((i) => ({ ...i, liveSessionId: null })) }));
    await screen.findByTestId("order-status");
    expect(screen.queryByTestId("auto-refund")).toBeNull();
    expect(screen.queryByRole("link", { name: "Back to the live session" })).toBeNull();
  });
});
