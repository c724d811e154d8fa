// @vitest-environment jsdom
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CartActionData } from "~/routes/cart";
import { renderInApp, serverRenderInApp } from "../../tests/support/remix-stub";
import { QuickAddForm } from "./quick-add-form";

// A product card's one-tap add (what used to be AddToCartForm's `compact` variant).
const PRODUCT_ID = "0b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e2f";
const LIVE_SESSION_ID = "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";
const PRODUCT = { productId: PRODUCT_ID, title: "Daguliu rice 5 kg", liveSessionId: LIVE_SESSION_ID, returnTo: "/live/harvest-night" };

function cartAction(reply: CartActionData) {
  const posted: Record<string, FormDataEntryValue>[] = [];
  const route = {
    path: "cart",
    action: async ({ request }: { request: Request }) => {
      posted.push(Object.fromEntries(await request.formData()));
      return reply;
    },
  };
  return { route, posted };
}

describe("QuickAddForm", () => {
  it("is a real form adding one unit, also without JavaScript", () => {
    const html = serverRenderInApp(<QuickAddForm {...PRODUCT} />);
    const form = html.querySelector("form")!;
    expect([form.getAttribute("method"), form.getAttribute("action")]).toEqual(["post", "/cart"]);
    expect(Object.fromEntries(new FormData(form))).toEqual({
      intent: "add",
      productId: PRODUCT_ID,
      returnTo: "/live/harvest-night",
      liveSessionId: LIVE_SESSION_ID,
      quantity: "1",
    });
  });

  it("names the product on its button and adds one through a fetcher", async () => {
    const user = userEvent.setup();
    const cart = cartAction({ ok: true, productId: PRODUCT_ID });
    renderInApp(<QuickAddForm {...PRODUCT} />, { routes: [cart.route] });

    const button = await screen.findByRole("button", { name: "Add to cart: Daguliu rice 5 kg" });
    expect(screen.queryByRole("spinbutton")).toBeNull();
    await user.click(button);

    await waitFor(() => expect(cart.posted).toHaveLength(1));
    expect(cart.posted[0]).toMatchObject({ intent: "add", productId: PRODUCT_ID, quantity: "1", enhanced: "1" });
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Added to your cart."));
  });

  it("explains a refusal", async () => {
    const user = userEvent.setup();
    const cart = cartAction({ ok: false, productId: PRODUCT_ID, error: "sold_out" });
    renderInApp(<QuickAddForm {...PRODUCT} />, { routes: [cart.route] });

    await user.click(await screen.findByRole("button", { name: "Add to cart: Daguliu rice 5 kg" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Sold out."));
  });
});
