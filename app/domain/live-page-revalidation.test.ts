import { describe, expect, it } from "vitest";
import { isCheckoutOrPayment, keepsPageData } from "./live-page-revalidation";

describe("keepsPageData", () => {
  it("keeps the live page's data after chat, cart, checkout and payment posts", () => {
    for (const action of [
      "/live/de57f1cb-0dbc-5cb0-8b13-0a0f01628036/chat",
      "/cart",
      "/cart?index",
      "/checkout",
      "/pay/demo/ee9d3478-26ec-452d-ac76-66e571e3159b",
      "http://127.0.0.1:3000/checkout",
    ])
      expect(keepsPageData(action), action).toBe(true);
  });

  it("reloads it after anything else, including look-alike paths", () => {
    for (const action of ["/cartography", "/checkout-extra", "/studio/x", "/chats", "/login", "/pay"])
      expect(keepsPageData(action), action).toBe(false);
  });
});

describe("isCheckoutOrPayment", () => {
  it("is placing an order or paying, nothing else", () => {
    for (const action of ["/checkout", "/checkout?index", "/pay/demo/ee9d3478-26ec-452d-ac76-66e571e3159b"])
      expect(isCheckoutOrPayment(action), action).toBe(true);
    for (const action of ["/cart", "/checkout-extra", "/pay", "/live/x/chat"]) expect(isCheckoutOrPayment(action), action).toBe(false);
  });
});
