// @vitest-environment jsdom
import { within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { PayeeBalance, PayoutRow } from "~/models/payout.server";
import { serverRenderInApp } from "../../../tests/support/remix-stub";
import { PayoutHistory } from "../payout-history";
import { PayeeBalances } from "./payee-balances";

const BALANCES: PayeeBalance[] = [
  {
    accountId: "a-1",
    kind: "collective",
    householdId: null,
    userId: null,
    name: null,
    earnedFen: 20_000,
    refundedFen: 1_000,
    paidFen: 5_000,
    owedFen: 14_000,
  },
  {
    accountId: "a-2",
    kind: "household",
    householdId: "h-2",
    userId: null,
    name: "刘家",
    earnedFen: 3_000,
    refundedFen: 3_000,
    paidFen: 3_000,
    owedFen: -3_000,
  },
  { accountId: null, kind: "streamer", householdId: null, userId: "u-3", name: null, earnedFen: 0, refundedFen: 0, paidFen: 0, owedFen: 0 },
];
const PAYOUTS: PayoutRow[] = [
  {
    id: "p-1",
    kind: "household",
    payeeName: "刘家",
    amountFen: 3_000,
    method: "bank",
    note: "回单 8812",
    paidOn: "2026-12-02",
    recordedAt: "2026-12-02T03:00:00.000Z",
    recordedBy: "刘会计",
    stripeTransferId: null,
  },
  {
    id: "p-2",
    kind: "collective",
    payeeName: null,
    amountFen: 5_000,
    method: "cash",
    note: "现金收据",
    paidOn: "2026-11-30",
    recordedAt: "2026-11-30T03:00:00.000Z",
    recordedBy: null,
    stripeTransferId: null,
  },
  {
    id: "p-3",
    kind: "household",
    payeeName: "刘家",
    amountFen: 1_234,
    method: "stripe_transfer",
    note: "tr_test_000042",
    paidOn: "2026-11-29",
    recordedAt: "2026-11-29T03:00:00.000Z",
    recordedBy: null,
    stripeTransferId: "tr_test_000042",
  },
];

describe("PayeeBalances", () => {
  it("shows each payee's earned, refunded, paid and owed, and a negative balance as owed back", () => {
    const html = serverRenderInApp(<PayeeBalances balances={BALANCES} />);
    const rows = within(html).getAllByRole("listitem");
    expect(rows.map((r) => r.querySelector("p")!.textContent)).toEqual([
      "Village collective Collective",
      "刘家 Household",
      "Unnamed Streamer",
    ]);
    const figures = (row: HTMLElement) =>
      [...row.querySelectorAll("dl > div")].map((d) => [d.querySelector("dt")!.textContent, d.querySelector("dd")!.textContent]);
    expect(figures(rows[0])).toEqual([
      ["Earned", "¥200.00"],
      ["Refunded", "¥10.00"],
      ["Paid out", "¥50.00"],
      ["Owed", "¥140.00"],
    ]);
    expect(rows[1].textContent).toContain("Owes back ¥30.00");
    expect(figures(rows[1]).at(-1)).toEqual(["Owed", "-¥30.00"]);
  });

  it("speaks Chinese on a Chinese page", () => {
    const html = serverRenderInApp(<PayeeBalances balances={BALANCES} />, { locale: "zh-CN" });
    const rows = within(html).getAllByRole("listitem");
    expect(rows[0].querySelector("p")!.textContent).toBe("村集体 集体");
    expect(rows[1].textContent).toContain("需退回 ¥30.00");
  });
});

describe("PayoutHistory", () => {
  it("lists date, payee, amount, method, note and who recorded it, in either language", () => {
    const en = within(serverRenderInApp(<PayoutHistory payouts={PAYOUTS} empty="none" />)).getAllByRole("listitem");
    expect(en[0].textContent).toContain("刘家 · ¥30.00");
    expect(en[0].textContent).toContain("Dec 2, 2026 · Bank transfer");
    expect(en[0].textContent).toContain("回单 8812");
    expect(en[0].textContent).toContain("Recorded by 刘会计");
    expect(en[0].querySelector("time")!.getAttribute("dateTime")).toBe("2026-12-02");
    expect(en[1].textContent).toContain("Village collective · ¥50.00");
    expect(en[1].textContent).toContain("Recorded by Platform");
    expect(en[2].textContent).toContain("Stripe transfer tr_test_000042");
    const zh = within(serverRenderInApp(<PayoutHistory payouts={PAYOUTS} empty="none" />, { locale: "zh-CN" })).getAllByRole("listitem");
    expect(zh[0].textContent).toContain("2026年12月2日 · 银行转账");
    expect(zh[1].textContent).toContain("村集体 · ¥50.00");
    expect(zh[0].textContent).toContain("登记人：刘会计");
  });

  it("says when there is nothing yet", () => {
    expect(serverRenderInApp(<PayoutHistory payouts={[]} empty="No payouts yet." />).textContent).toBe("No payouts yet.");
  });
});
