// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderInApp } from "../../../tests/support/remix-stub";
import { SheetPayStep } from "./sheet-pay-step";

// Paying from the live page's checkout sheet: with Stripe the buyer pays on Stripe Checkout in
// a new tab, so this tab keeps the stream; the demo provider pays in place, as before.
const ORDER_ID = "6f1c1f0e-1d2b-4c3a-8e9f-0a1b2c3d4e5f";

describe("SheetPayStep", () => {
  it("opens Stripe Checkout in a new tab, leaving the stream playing here", () => {
    const payUrl = "https://checkout.stripe.com/c/pay/cs_test_000001";
    renderInApp(<SheetPayStep order={{ orderId: ORDER_ID, totalFen: 3990, payUrl }} onPaid={() => {}} />);
    const link = screen.getByRole("link", { name: "Pay securely (opens in a new tab)" });
    expect(link.getAttribute("href")).toBe(payUrl);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("keeps the demo provider's pay and decline buttons in place", () => {
    renderInApp(<SheetPayStep order={{ orderId: ORDER_ID, totalFen: 3990, payUrl: `/pay/demo/${ORDER_ID}` }} onPaid={() => {}} />);
    expect(screen.queryByRole("link", { name: "Pay securely (opens in a new tab)" })).toBeNull();
    expect(screen.getAllByRole("button")).toHaveLength(2);
  });
});
