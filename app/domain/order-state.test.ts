import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, ORDER_STATUSES, OrderTransitionError, statusAfterRefund } from "./order-state";

describe("order state", () => {
  it("allows the lifecycle of the brief", () => {
    expect(canTransition("pending_payment", "paid")).toBe(true);
    expect(canTransition("pending_payment", "cancelled")).toBe(true);
    expect(canTransition("paid", "fulfilled")).toBe(true);
    expect(canTransition("paid", "partially_refunded")).toBe(true);
    expect(canTransition("partially_refunded", "refunded")).toBe(true);
  });

  it("refuses going backwards or out of a final state", () => {
    expect(() => assertTransition("paid", "pending_payment")).toThrow(OrderTransitionError);
    for (const to of ORDER_STATUSES) {
      expect(canTransition("cancelled", to)).toBe(false);
      expect(canTransition("refunded", to)).toBe(false);
    }
    expect(canTransition("pending_payment", "refunded")).toBe(false);
  });

  it("derives the refund state from amounts", () => {
    expect(statusAfterRefund(100, 100)).toBe("refunded");
    expect(statusAfterRefund(99, 100)).toBe("partially_refunded");
  });
});
