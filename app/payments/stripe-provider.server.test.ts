import { randomUUID } from "node:crypto";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createStripeMock } from "../../tests/mocks/stripe";
import { createStripeClient, stripeEndpoint } from "./stripe-client.server";
import type { CheckoutOrder } from "~/models/stripe-checkout.server";
import { PaymentNotStartableError } from "./payment-errors";
import {
  checkoutExpiry,
  checkoutIdempotencyKey,
  checkoutLineItems,
  stripePaymentProvider,
  type CheckoutOrders,
} from "./stripe-provider.server";

// What the Stripe adapter sends, checked by the Stripe mock (form-encoded, idempotency keys)
// and here field by field. Pointed at a STRIPE_API_BASE_URL-style endpoint to cover that too.
const BASE = "http://stripe-mock.test:12111";
const stripeMock = createStripeMock({ baseUrl: BASE });
const server = setupServer(...stripeMock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  expect(stripeMock.violations).toEqual([]);
  stripeMock.calls.length = 0;
});
afterAll(() => server.close());

const stripe = createStripeClient({ secretKey: stripeMock.secretKey, apiBaseUrl: BASE, maxNetworkRetries: 0 });
// A 5-minute mark near the real clock (the mock, like Stripe, judges expires_at by its own clock).
const FIVE_MINUTES = 5 * 60_000;
const NOW = new Date(Math.floor(Date.now() / FIVE_MINUTES) * FIVE_MINUTES);
const ORDER_ID = "6f1c1f0e-1d2b-4c3a-8e9f-0a1b2c3d4e5f";
const SHORT_EXPIRY = new Date(NOW.getTime() + 35 * 60_000);

function order(change: Partial<CheckoutOrder> = {}): CheckoutOrder {
  return {
    id: ORDER_ID,
    status: "pending_payment",
    totalFen: 2 * 3990 + 12800,
    shippingFen: 0,
    currency: "CNY",
    locale: "zh-CN",
    reservedUntil: new Date(NOW.getTime() + 15 * 60_000),
    session: null,
    items: [
      { name: "黑木耳 250克", unitPriceFen: 3990, quantity: 2 },
      { name: "大米 5公斤", unitPriceFen: 12800, quantity: 1 },
    ],
    ...change,
  };
}

function fakeOrders(initial: CheckoutOrder | null) {
  let current = initial;
  const recorded: { id: string; url: string; expiresAt: Date }[] = [];
  const orders: CheckoutOrders = {
    load: async () => current,
    record: async (_id, session) => {
      recorded.push(session);
      if (current) current = { ...current, session };
      return true;
    },
  };
  return { orders, recorded };
}

// Each test its own order: the mock keeps idempotency keys across tests, as Stripe would.
const startFor = (id: string) => ({
  orderId: id,
  totalFen: order().totalFen,
  currency: "CNY" as const,
  locale: "zh-CN",
  orderPath: `/orders/${id}?key=abc123`,
});

describe("stripe client", () => {
  it("takes host, port and protocol from STRIPE_API_BASE_URL", () => {
    expect(stripeEndpoint("http://localhost:12111")).toEqual({ host: "localhost", port: 12111, protocol: "http" });
    expect(stripeEndpoint("https://stripe.example")).toEqual({ host: "stripe.example", port: 443, protocol: "https" });
    expect(() => stripeEndpoint("http://localhost:12111/v1")).toThrow(/without a path/);
  });
});

describe("checkout session parameters", () => {
  it("expires with the reservation where Stripe allows, else at the next 5-minute mark past 30 minutes", () => {
    const long = new Date(NOW.getTime() + 45 * 60_000);
    expect(checkoutExpiry(long, NOW)).toEqual(long);
    const short = checkoutExpiry(new Date(NOW.getTime() + 15 * 60_000), NOW);
    expect(short).toEqual(SHORT_EXPIRY);
    // two clicks a few seconds apart: the same expiry, so the same idempotency key
    expect(checkoutExpiry(new Date(NOW.getTime() + 15 * 60_000), new Date(NOW.getTime() + 20_000))).toEqual(short);
    expect(checkoutIdempotencyKey(ORDER_ID, short)).toBe(`checkout:${ORDER_ID}:${short.getTime() / 1000}`);
  });

  it("sends one line per item in the buyer's language, a shipping line, or the total when lines would not add up", () => {
    expect(checkoutLineItems(order())).toEqual([
      { quantity: 2, price_data: { currency: "cny", unit_amount: 3990, product_data: { name: "黑木耳 250克" } } },
      { quantity: 1, price_data: { currency: "cny", unit_amount: 12800, product_data: { name: "大米 5公斤" } } },
    ]);
    const shipped = checkoutLineItems(order({ shippingFen: 800, totalFen: order().totalFen + 800, locale: "en" }));
    expect(shipped.at(-1)).toEqual({ quantity: 1, price_data: { currency: "cny", unit_amount: 800, product_data: { name: "Shipping" } } });
    expect(checkoutLineItems(order({ totalFen: 100 }))).toEqual([
      { quantity: 1, price_data: { currency: "cny", unit_amount: 100, product_data: { name: `丰收直播订单 ${ORDER_ID.slice(0, 8)}` } } },
    ]);
  });
});

describe("stripe payment provider", () => {
  it("creates a CNY Checkout Session for the order and records it", async () => {
    const id = randomUUID();
    const orderPath = `/orders/${id}?key=abc123`;
    const { orders, recorded } = fakeOrders(order({ id }));
    const provider = stripePaymentProvider({ stripe, orders, now: () => NOW });
    const { redirectTo } = await provider.startPayment({ ...startFor(id), origin: "http://localhost:3000" });
    expect(redirectTo).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);

    expect(stripeMock.calls).toHaveLength(1);
    const [call] = stripeMock.calls;
    const expiresAt = SHORT_EXPIRY.getTime() / 1000;
    expect(call.idempotencyKey).toBe(`checkout:${id}:${expiresAt}`);
    expect(call.form).toEqual({
      mode: "payment",
      currency: "cny",
      locale: "zh",
      "allowed_payment_method_types[0]": "card",
      "allowed_payment_method_types[1]": "alipay",
      "allowed_payment_method_types[2]": "wechat_pay",
      "payment_method_options[wechat_pay][client]": "web",
      "line_items[0][quantity]": "2",
      "line_items[0][price_data][currency]": "cny",
      "line_items[0][price_data][unit_amount]": "3990",
      "line_items[0][price_data][product_data][name]": "黑木耳 250克",
      "line_items[1][quantity]": "1",
      "line_items[1][price_data][currency]": "cny",
      "line_items[1][price_data][unit_amount]": "12800",
      "line_items[1][price_data][product_data][name]": "大米 5公斤",
      client_reference_id: id,
      "metadata[order_id]": id,
      "payment_intent_data[transfer_group]": id,
      "payment_intent_data[metadata][order_id]": id,
      success_url: `http://localhost:3000${orderPath}&paid=1`,
      cancel_url: `http://localhost:3000${orderPath}`,
      expires_at: String(expiresAt),
    });
    expect(recorded).toEqual([{ id: expect.stringMatching(/^cs_test_/), url: redirectTo, expiresAt: new Date(expiresAt * 1000) }]);
  });

  it("returns to PUBLIC_BASE_URL when set", async () => {
    const id = randomUUID();
    const { orders } = fakeOrders(order({ id }));
    const provider = stripePaymentProvider({ stripe, orders, publicBaseUrl: "https://harvest.example/", now: () => NOW });
    await provider.startPayment({ ...startFor(id), origin: "http://10.0.0.5:3000" });
    expect(stripeMock.calls[0].form.success_url).toBe(`https://harvest.example/orders/${id}?key=abc123&paid=1`);
  });

  it("reuses the open session instead of making a second one to pay", async () => {
    const id = randomUUID();
    const { orders } = fakeOrders(order({ id }));
    const provider = stripePaymentProvider({ stripe, orders, now: () => NOW });
    const first = await provider.startPayment({ ...startFor(id), origin: "http://localhost:3000" });
    const again = await provider.startPayment({ ...startFor(id), origin: "http://localhost:3000" });
    expect(again.redirectTo).toBe(first.redirectTo);
    expect(stripeMock.calls).toHaveLength(1);
  });

  it("makes one session for two clicks at once (the same idempotency key)", async () => {
    const id = randomUUID();
    const a = fakeOrders(order({ id }));
    const b = fakeOrders(order({ id }));
    const [one, two] = await Promise.all([
      stripePaymentProvider({ stripe, orders: a.orders, now: () => NOW }).startPayment({
        ...startFor(id),
        origin: "http://localhost:3000",
      }),
      stripePaymentProvider({ stripe, orders: b.orders, now: () => new Date(NOW.getTime() + 5_000) }).startPayment({
        ...startFor(id),
        origin: "http://localhost:3000",
      }),
    ]);
    expect(one.redirectTo).toBe(two.redirectTo);
    expect(new Set(stripeMock.calls.map((c) => c.idempotencyKey)).size).toBe(1);
  });

  it("refuses an order that no longer waits for payment or whose reservation ended, without calling Stripe", async () => {
    const id = randomUUID();
    const { orders } = fakeOrders(order({ id, status: "cancelled" }));
    const provider = stripePaymentProvider({ stripe, orders, now: () => NOW });
    await expect(provider.startPayment({ ...startFor(id), origin: "http://localhost:3000" })).rejects.toBeInstanceOf(
      PaymentNotStartableError,
    );
    const ended = fakeOrders(order({ id, reservedUntil: new Date(NOW.getTime() - 1000) }));
    await expect(
      stripePaymentProvider({ stripe, orders: ended.orders, now: () => NOW }).startPayment({
        ...startFor(id),
        origin: "http://localhost:3000",
      }),
    ).rejects.toBeInstanceOf(PaymentNotStartableError);
    expect(stripeMock.calls).toEqual([]);
  });
});
