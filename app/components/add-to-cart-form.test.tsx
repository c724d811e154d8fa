// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CartActionData } from "~/routes/cart";
import { renderInApp, serverRenderInApp } from "../../tests/support/remix-stub";
import { AddToCartForm } from "./add-to-cart-form";

// Real ids: the add schema checks them in the browser too, and refuses anything else.
const PRODUCT_ID = "0b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e2f";
const LIVE_SESSION_ID = "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";
const PRODUCT = { productId: PRODUCT_ID, title: "Daguliu rice 5 kg", returnTo: "/products/daguliu-rice" };

/** A /cart route whose action records what was posted and answers with `reply` once released. */
function cartAction(reply: CartActionData) {
  const posted: Record<string, FormDataEntryValue>[] = [];
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const route = {
    path: "cart",
    action: async ({ request }: { request: Request }) => {
      posted.push(Object.fromEntries(await request.formData()));
      await held;
      return reply;
    },
  };
  return { route, posted, release };
}

describe("AddToCartForm without JavaScript", () => {
  it("is a real form posting to /cart with everything the action needs", () => {
    const html = serverRenderInApp(<AddToCartForm {...PRODUCT} maxQuantity={4} liveSessionId={LIVE_SESSION_ID} />);
    const form = html.querySelector("form")!;
    expect(form.getAttribute("method")).toBe("post");
    expect(form.getAttribute("action")).toBe("/cart");
    // What the browser would send on a native submit.
    expect(Object.fromEntries(new FormData(form))).toEqual({
      intent: "add",
      productId: PRODUCT_ID,
      returnTo: "/products/daguliu-rice",
      liveSessionId: LIVE_SESSION_ID,
      quantity: "1",
    });
    // Without "enhanced" the action redirects back instead of answering the fetcher.
    expect(html.querySelector('input[name="enhanced"]')).toBeNull();
  });

  it("limits the quantity to what is in stock", () => {
    const html = serverRenderInApp(<AddToCartForm {...PRODUCT} maxQuantity={3} />);
    const quantity = within(html).getByLabelText<HTMLInputElement>("Quantity");
    expect([quantity.type, quantity.min, quantity.max, quantity.required]).toEqual(["number", "1", "3", true]);
  });
});

describe("AddToCartForm in the browser", () => {
  it("posts the chosen quantity through a fetcher, shows it is busy, then confirms", async () => {
    const user = userEvent.setup();
    const cart = cartAction({ ok: true, productId: PRODUCT.productId });
    renderInApp(<AddToCartForm {...PRODUCT} maxQuantity={5} />, { routes: [cart.route] });

    const quantity = await screen.findByRole("spinbutton", { name: "Quantity" });
    await user.clear(quantity);
    await user.type(quantity, "3");
    await user.click(screen.getByRole("button", { name: "Add to cart" }));

    const busy = await screen.findByRole("button", { name: "Adding…" });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    expect(cart.posted).toEqual([
      { intent: "add", productId: PRODUCT_ID, returnTo: "/products/daguliu-rice", enhanced: "1", quantity: "3" },
    ]);

    cart.release();
    const status = await screen.findByRole("status");
    await waitFor(() => expect(status.textContent).toContain("Added to your cart."));
    expect(within(status).getByRole("link", { name: "View cart" }).getAttribute("href")).toBe("/cart");
    expect((screen.getByRole("button", { name: "Add to cart" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("does not submit a quantity above the stock limit", async () => {
    const user = userEvent.setup();
    const cart = cartAction({ ok: true, productId: PRODUCT.productId });
    renderInApp(<AddToCartForm {...PRODUCT} maxQuantity={2} />, { routes: [cart.route] });

    const quantity = await screen.findByRole<HTMLInputElement>("spinbutton", { name: "Quantity" });
    await user.clear(quantity);
    await user.type(quantity, "9");
    await user.click(screen.getByRole("button", { name: "Add to cart" }));

    // Our own field error in the page's language, not the browser's validity bubble.
    const status = screen.getByRole("status");
    await waitFor(() => expect(status.textContent).toBe("Only 2 left in stock."));
    expect(quantity.getAttribute("aria-invalid")).toBe("true");
    expect(quantity.getAttribute("aria-describedby")).toContain(status.querySelector("span")!.id);
    expect(cart.posted).toEqual([]);

    // Back within the limit, it submits.
    await user.clear(quantity);
    await user.type(quantity, "2");
    await user.click(screen.getByRole("button", { name: "Add to cart" }));
    await waitFor(() => expect(cart.posted).toEqual([expect.objectContaining({ quantity: "2" })]));
  });

  it("says so in Chinese on a Chinese page", async () => {
    const user = userEvent.setup();
    const cart = cartAction({ ok: true, productId: PRODUCT.productId });
    renderInApp(<AddToCartForm {...PRODUCT} maxQuantity={3} />, { routes: [cart.route], locale: "zh-CN" });

    const quantity = await screen.findByRole("spinbutton", { name: "数量" });
    await user.clear(quantity);
    await user.type(quantity, "7");
    await user.click(screen.getByRole("button", { name: "加入购物车" }));

    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("库存仅剩 3 件。"));
    expect(cart.posted).toEqual([]);
  });

  it.each([
    [{ ok: false, productId: PRODUCT_ID, error: "not_enough_stock", count: 2 }, "Only 2 left in stock."],
    [{ ok: false, productId: PRODUCT_ID, error: "sold_out" }, "Sold out."],
  ] satisfies [CartActionData, string][])("explains a refusal (%o)", async (reply, expected) => {
    const user = userEvent.setup();
    const cart = cartAction(reply);
    cart.release();
    renderInApp(<AddToCartForm {...PRODUCT} maxQuantity={5} />, { routes: [cart.route] });

    await user.click(await screen.findByRole("button", { name: "Add to cart" }));

    const status = screen.getByRole("status");
    await waitFor(() => expect(status.textContent).toContain(expected));
    expect(status.textContent).not.toContain("Added to your cart.");
  });

  it("speaks the request's language", async () => {
    renderInApp(<AddToCartForm {...PRODUCT} maxQuantity={5} />, { locale: "zh-CN" });
    expect(await screen.findByRole("button", { name: "加入购物车" })).toBeTruthy();
  });

  it("offers nothing to add when the product is sold out", async () => {
    renderInApp(
      <>
        <AddToCartForm {...PRODUCT} maxQuantity={0} />
        <p>page</p>
      </>,
    );
    await screen.findByText("page");
    expect(screen.queryByRole("button")).toBeNull();
    expect(document.querySelector("form")).toBeNull();
  });
});
