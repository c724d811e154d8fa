// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderInApp, serverRenderInApp } from "../../../tests/support/remix-stub";
import { RefundConfirmation, type RefundReview } from "./refund-confirmation";

const ORDERS_PAGE = "/dashboard/zhengjia/orders";
// Real ids: the refund schema checks them in the browser too, and refuses anything else.
const ORDER_ID = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const REFUND_ID = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const REVIEW: RefundReview = {
  orderId: ORDER_ID,
  refundId: REFUND_ID,
  restock: true,
  reason: "Damaged in transit",
  confirmation: "signed-confirmation",
  amountFen: 8500,
  items: [{ orderItemId: "i-1", title: "Black fungus 250 g", quantity: 2, amountFen: 8500 }],
  reversal: [
    { party: "household", name: "Wang household", amountFen: 5950 },
    { party: "collective", name: "Zhengjia Village", amountFen: 2550 },
  ],
};

describe("RefundConfirmation", () => {
  it("spells out what will be refunded and reversed before the button that moves money", () => {
    const html = serverRenderInApp(<RefundConfirmation review={REVIEW} />, { path: ORDERS_PAGE });
    const panel = within(html).getByRole("region", { name: "Confirm this refund" });
    expect(panel.textContent).toContain("This refunds ¥85.00 to the buyer for:");
    expect(
      within(panel)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Black fungus 250 g × 2: ¥85.00", "Wang household: −¥59.50", "Village collective (Zhengjia Village): −¥25.50"]);
    expect(panel.textContent).toContain("The refunded units go back into stock.");
    expect(panel.textContent).toContain("Reason: Damaged in transit");
    expect(within(panel).getByRole("link", { name: "Cancel" }).getAttribute("href")).toBe(ORDERS_PAGE);
  });

  it("posts exactly the reviewed refund, with its id and confirmation, to the orders page", async () => {
    const user = userEvent.setup();
    const posted: Record<string, FormDataEntryValue>[] = [];
    renderInApp(<RefundConfirmation review={REVIEW} />, {
      path: ORDERS_PAGE,
      action: async ({ request }) => {
        posted.push(Object.fromEntries(await request.formData()));
        return { ok: true };
      },
    });

    await user.click(await screen.findByRole("button", { name: "Confirm refund" }));

    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      intent: "refund",
      orderId: ORDER_ID,
      refundId: REFUND_ID,
      confirmation: "signed-confirmation",
      "qty-i-1": "2",
      restock: "on",
      reason: "Damaged in transit",
    });
  });

  it("moves focus to itself, so a keyboard or screen reader user lands on the confirmation", async () => {
    renderInApp(<RefundConfirmation review={{ ...REVIEW, restock: false }} />, { path: ORDERS_PAGE });
    const panel = await screen.findByRole("region", { name: "Confirm this refund" });
    expect(document.activeElement).toBe(panel);
    expect(panel.textContent).toContain("Stock stays as it is");
    expect(panel.querySelector('input[name="restock"]')).toBeNull();
  });
});
