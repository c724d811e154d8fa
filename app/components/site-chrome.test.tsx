// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLayoutEffect } from "react";
import { describe, expect, it } from "vitest";
import { renderInApp, serverRenderInApp } from "../../tests/support/remix-stub";
import { SiteHeader, type HeaderViewer } from "./site-chrome";

const ADMIN: HeaderViewer = { displayName: "Wang Fang", dashboardPath: "/dashboard/zhengjia", studioPath: "/studio" };

const header = (viewer: HeaderViewer = ADMIN) => <SiteHeader returnTo="/products?category=fungi" cartCount={2} viewer={viewer} />;
const menuOf = (summary: HTMLElement) => summary.closest("details")!;

describe("SiteHeader", () => {
  it("switches language with a real form that comes back to the same page", () => {
    const html = serverRenderInApp(header(null));
    const button = within(html).getByRole("button", { name: "切换到中文" });
    const form = button.closest("form")!;
    expect([form.getAttribute("method"), form.getAttribute("action")]).toEqual(["post", "/locale"]);
    expect(Object.fromEntries(new FormData(form))).toEqual({ locale: "zh-CN", returnTo: "/products?category=fungi" });
    expect(within(html).getByRole("link", { name: "Cart 2 items" }).getAttribute("href")).toBe("/cart");
    expect(within(html).getByRole("link", { name: "Sign in" })).toBeTruthy();
  });

  it("puts the admin's dashboard in the bar and the second place and sign-out in the account menu", () => {
    const html = serverRenderInApp(header());
    const nav = within(html).getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Dashboard" }).getAttribute("href")).toBe("/dashboard/zhengjia");
    const menu = within(html).getByText("Account").closest("details")!;
    expect(within(menu).getByText("Signed in as Wang Fang")).toBeTruthy();
    expect(within(menu).getByRole("link", { name: "Studio" }).getAttribute("href")).toBe("/studio");
    const signOut = within(menu).getByRole("button", { name: "Sign out" }).closest("form")!;
    expect([signOut.getAttribute("method"), signOut.getAttribute("action")]).toEqual(["post", "/logout"]);
  });

  it("opens the account menu, closes it on Escape from inside and gives focus back to its summary", async () => {
    const user = userEvent.setup();
    renderInApp(header());
    const summary = await screen.findByText("Account");
    await user.click(summary);
    expect(menuOf(summary).open).toBe(true);

    within(menuOf(summary)).getByRole("link", { name: "My orders" }).focus();
    await user.keyboard("{Escape}");

    expect(menuOf(summary).open).toBe(false);
    expect(document.activeElement).toBe(summary);
  });

  it("keeps an account menu opened before its effects ran open (a <details> works before the scripts do)", async () => {
    // Opens the menu after the header is in the DOM but before its effects run, as a person's
    // tap before hydration does (layout effects run before the header's passive ones).
    function OpenedEarly() {
      useLayoutEffect(() => {
        document.querySelector("details")!.open = true;
      }, []);
      return null;
    }
    renderInApp(
      <>
        {header()}
        <OpenedEarly />
      </>,
    );
    const summary = await screen.findByText("Account");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(menuOf(summary).open).toBe(true);
  });

  it("closes the account menu on a click outside it, not inside", async () => {
    const user = userEvent.setup();
    renderInApp(
      <>
        {header()}
        <p>elsewhere</p>
      </>,
    );
    const summary = await screen.findByText("Account");
    await user.click(summary);
    await user.click(screen.getByText("Signed in as Wang Fang"));
    expect(menuOf(summary).open).toBe(true);

    await user.click(screen.getByText("elsewhere"));
    expect(menuOf(summary).open).toBe(false);
  });
});
