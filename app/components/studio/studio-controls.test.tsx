// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderInApp, serverRenderInApp } from "../../../tests/support/remix-stub";
import { ConfirmAction } from "./confirm-action";
import { SessionProducts } from "./session-products";
import { StreamSettings } from "./stream-settings";

// The studio's controls as a phone gets them: the key masked until asked for, every
// irreversible action asked once, and one big Pin/Unpin per product — also without JavaScript.
const KEY = "hl_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const settings = {
  ingestUrl: "rtmp://127.0.0.1:1935/live",
  streamKey: KEY,
  keyMadeAt: "2026-12-02T10:00:00Z",
  canRotate: true,
  openKey: false,
};

describe("StreamSettings", () => {
  it("keeps the key inside a closed <details> until the host opens it, without JavaScript", () => {
    const html = serverRenderInApp(<StreamSettings {...settings} />);
    const key = html.querySelector("[data-stream-key]")!;
    expect(key.textContent).toBe(KEY);
    const details = key.closest("details")!;
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")!.textContent).toBe("Show stream key");
    expect(html.textContent).toContain("rtmp://127.0.0.1:1935/live");
    // Copy needs JavaScript: no dead buttons in the server's HTML.
    expect(html.querySelectorAll("button[type=button]")).toHaveLength(0);
    // Rotating is a form behind its own question.
    const rotate = html.querySelector<HTMLButtonElement>("button[value=rotate-key]")!;
    expect(rotate.closest("details")!.open).toBe(false);
    expect(rotate.closest("form")!.getAttribute("method")).toBe("post");
  });

  it("shows the key when asked, and offers Copy once JavaScript runs", async () => {
    renderInApp(<StreamSettings {...settings} />);
    expect(screen.getByText(KEY).closest("details")!.open).toBe(false);
    await userEvent.click(screen.getByText("Show stream key"));
    expect(screen.getByText(KEY).closest("details")!.open).toBe(true);
    expect(screen.getByRole("button", { name: "Copy key" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Copy address" })).toBeTruthy();
  });
});

describe("ConfirmAction", () => {
  it("asks before it acts: the submit button sits behind the question", async () => {
    renderInApp(<ConfirmAction label="End session" question="End the broadcast?" yes="Yes, end it" intent="end" tone="stop" />);
    const question = screen.getByText("End the broadcast?");
    expect(question.closest("details")!.open).toBe(false);
    await userEvent.click(screen.getByText("End session"));
    expect(question.closest("details")!.open).toBe(true);
    expect(screen.getByRole("button", { name: "Yes, end it" }).getAttribute("value")).toBe("end");
  });
});

describe("SessionProducts", () => {
  const products = [
    { id: "0b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e2f", title: "Millet", priceFen: 2880, unit: "jin", stock: 12 },
    { id: "1b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e2f", title: "Soybeans", priceFen: 1500, unit: "kg", stock: null },
  ];

  it("gives each product one named Pin or Unpin form, and marks the pinned one", () => {
    const html = serverRenderInApp(<SessionProducts products={products} pinnedProductId={products[0].id} canPin />);
    const buttons = [...html.querySelectorAll<HTMLButtonElement>("button")];
    expect(buttons.map((b) => [b.value, b.getAttribute("aria-label")])).toEqual([
      ["unpin", "Unpin: Millet"],
      ["pin", "Pin: Soybeans"],
    ]);
    expect(Object.fromEntries(new FormData(buttons[1].form!))).toEqual({ productId: products[1].id });
    expect(html.querySelector("[aria-current=true]")!.textContent).toContain("Millet");
  });

  it("offers no pins once the session is over", () => {
    const html = serverRenderInApp(<SessionProducts products={products} pinnedProductId={null} canPin={false} />);
    expect(html.querySelectorAll("button")).toHaveLength(0);
  });
});
