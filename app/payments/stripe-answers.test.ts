import { describe, expect, it } from "vitest";
import { isRefusal, refundStatusOf } from "./stripe-answers";

describe("reading Stripe's answers", () => {
  it("takes a 4xx as a refusal, but not a conflict, a rate limit, a server error or no answer", () => {
    expect(isRefusal({ statusCode: 400 })).toBe(true);
    expect(isRefusal({ statusCode: 402 })).toBe(true);
    expect(isRefusal({ statusCode: 409 })).toBe(false);
    expect(isRefusal({ statusCode: 429 })).toBe(false);
    expect(isRefusal({ statusCode: 500 })).toBe(false);
    expect(isRefusal(new Error("socket hang up"))).toBe(false);
    expect(isRefusal(null)).toBe(false);
  });

  it("treats only succeeded and failed or canceled refunds as settled", () => {
    expect(refundStatusOf("succeeded")).toBe("succeeded");
    expect(refundStatusOf("failed")).toBe("failed");
    expect(refundStatusOf("canceled")).toBe("failed");
    for (const status of ["pending", "requires_action", null, undefined]) expect(refundStatusOf(status)).toBe("pending");
  });
});
