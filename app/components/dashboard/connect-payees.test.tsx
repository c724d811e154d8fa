// @vitest-environment jsdom
import { within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ConnectPayee } from "~/models/stripe-connect.server";
import { serverRenderInApp } from "../../../tests/support/remix-stub";
import { ConnectPayees } from "./connect-payees";

const PAYEES: ConnectPayee[] = [
  { householdId: null, name: null, accountId: "acct_1", status: "payouts_enabled" },
  { householdId: "7d4f3c1e-0000-4000-8000-000000000001", name: "刘家", accountId: "acct_2", status: "onboarding_incomplete" },
  { householdId: "7d4f3c1e-0000-4000-8000-000000000002", name: "Wang family", accountId: null, status: "not_connected" },
];

describe("ConnectPayees", () => {
  it("shows each payee's Stripe status and the button that fits it, in one no-JavaScript form", () => {
    const html = serverRenderInApp(<ConnectPayees payees={PAYEES} />);
    const rows = within(html).getAllByRole("listitem");
    expect(rows.map((r) => r.textContent)).toEqual([
      "Village collectivePayouts enabled",
      "刘家Onboarding incompleteContinue onboarding",
      "Wang familyNot connectedConnect a Stripe account",
    ]);
    const buttons = within(html).getAllByRole("button") as HTMLButtonElement[];
    expect(buttons.map((b) => [b.name, b.value, b.type])).toEqual([
      ["payee", PAYEES[1].householdId, "submit"],
      ["payee", PAYEES[2].householdId, "submit"],
    ]);
    const form = html.querySelector("form")!;
    expect(form.getAttribute("method")).toBe("post");
    expect((form.querySelector("input[name=intent]") as HTMLInputElement).value).toBe("onboard");
  });

  it("speaks Chinese on a Chinese page, and shows a notice", () => {
    const html = serverRenderInApp(<ConnectPayees payees={PAYEES} notice="欢迎返回" />, { locale: "zh-CN" });
    expect(within(html).getByRole("status").textContent).toBe("欢迎返回");
    const rows = within(html).getAllByRole("listitem");
    expect(rows[0].textContent).toBe("村集体可以收款");
    expect(rows[1].textContent).toContain("继续开户");
  });
});
