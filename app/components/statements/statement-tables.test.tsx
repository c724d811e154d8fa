// @vitest-environment jsdom
import { within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { DisclosureYear } from "~/models/disclosure.server";
import type { StatementLine, StatementPayout, StatementSummary } from "~/models/statement.server";
import { serverRenderInApp } from "../../../tests/support/remix-stub";
import { DisclosureTables } from "./disclosure-tables";
import { StatementLinesTable, StatementPayoutsTable, StatementSummaryTable } from "./statement-tables";

const SUMMARY: StatementSummary = {
  openingFen: 1_000,
  earnedFen: 5_000,
  refundsFen: 1_200,
  paidFen: 6_000,
  otherFen: 0,
  closingFen: -1_200,
  months: [{ start: "2026-03-01", label: "2026-03", earnedFen: 5_000, refundsFen: 1_200, paidFen: 6_000, otherFen: 0 }],
};
const LINES: StatementLine[] = [
  { day: "2026-03-02", kind: "payment", orderRef: "1a2b3c4d", title: "黑木耳 250 克", quantity: 2, amountFen: 5_000 },
  { day: "2026-03-05", kind: "refund", orderRef: "1a2b3c4d", title: "黑木耳 250 克", quantity: null, amountFen: -1_200 },
];
const PAYOUTS: StatementPayout[] = [
  { day: "2026-03-10", paidOn: "2026-03-09", method: "cash", note: "收据 #12", stripeTransferId: null, amountFen: 6_500 },
  { day: "2026-03-11", paidOn: "2026-03-11", method: null, note: "", stripeTransferId: null, amountFen: -500 },
];

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));

describe("statement tables", () => {
  it("show the balance from start to end, and say what a negative balance means", () => {
    const html = serverRenderInApp(<StatementSummaryTable summary={SUMMARY} range={{ from: "2026-03-01", to: "2026-03-31" }} />, {
      locale: "zh-CN",
    });
    expect(rowsOf(within(html).getByRole("table"))).toEqual([
      ["期初余额（2026-03-01）", "¥10.00"],
      ["收入", "¥50.00"],
      ["退款冲减", "-¥12.00"],
      ["已支付", "-¥60.00"],
      ["期末余额（2026-03-31）", "-¥12.00"],
    ]);
    expect(html.textContent).toContain("余额为负表示应在以后的支付中抵扣的款项。");
  });

  it("list order lines (a refund without a quantity) and payouts with method, day and receipt note", () => {
    const lines = serverRenderInApp(<StatementLinesTable lines={LINES} limit={400} />);
    expect(rowsOf(within(lines).getByRole("table")).slice(1)).toEqual([
      ["2026-03-02", "Sale", "黑木耳 250 克 #1a2b3c4d", "2", "¥50.00"],
      ["2026-03-05", "Refund", "黑木耳 250 克 #1a2b3c4d", "", "-¥12.00"],
    ]);
    const payouts = serverRenderInApp(<StatementPayoutsTable payouts={PAYOUTS} />);
    expect(rowsOf(within(payouts).getByRole("table")).slice(1)).toEqual([
      ["2026-03-09Recorded 2026-03-10", "Cash", "收据 #12", "¥65.00"],
      ["2026-03-11", "Stripe transfer reversed", "", "-¥5.00"],
    ]);
  });

  it("the disclosure shows a year's totals and its months, nothing about anyone", () => {
    const figures = { netFen: 100_000, collectiveFen: 15_000, householdFen: 70_000, paidToHouseholdsFen: 60_000, householdsPaid: 3 };
    const years: DisclosureYear[] = [{ year: 2026, ...figures, months: [{ month: 3, label: "2026-03", ...figures }] }];
    const html = serverRenderInApp(<DisclosureTables years={years} />, { locale: "zh-CN" });
    expect(within(html).getByRole("heading", { name: "2026 年" })).toBeTruthy();
    expect(rowsOf(within(html).getByRole("table"))).toEqual([
      ["期间", "电商收入", "集体分成", "农户分成", "已付农户", "获付农户数"],
      ["2026-03", "¥1,000.00", "¥150.00", "¥700.00", "¥600.00", "3"],
    ]);
  });
});
