// @vitest-environment jsdom
import { within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { PlatformIncome } from "~/models/dashboard/platform-income.server";
import { serverRenderInApp } from "../../../tests/support/remix-stub";
import { PlatformIncomeTable } from "./platform-income-table";

const figures = {
  orders: 2,
  grossFen: 12_800,
  refundsFen: 800,
  netFen: 12_000,
  householdFen: 8_000,
  collectiveFen: 2_400,
  streamerFen: 1_000,
  platformFen: 600,
};
const income: PlatformIncome = {
  coops: [
    { slug: "zhengjia", name: "郑家村黑木耳专业合作社", status: "active", ...figures },
    { slug: "daguliu", name: "大古柳村", status: "active", ...figures, orders: 1 },
  ],
  total: {
    ...figures,
    orders: 2,
    grossFen: 25_600,
    refundsFen: 1_600,
    netFen: 24_000,
    householdFen: 16_000,
    collectiveFen: 4_800,
    streamerFen: 2_000,
    platformFen: 1_200,
  },
};
const range = { from: "2026-01-01", to: "2026-12-31" };

describe("PlatformIncomeTable", () => {
  it("lists every cooperative with its figures and a link to its reports for the same range, the total last", () => {
    const html = serverRenderInApp(<PlatformIncomeTable income={income} range={range} />, { locale: "zh-CN" });
    const table = within(html).getByRole("table", { name: "2026-01-01 至 2026-12-31 收入" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(4); // header, two cooperatives, total
    const link = within(rows[1]).getByRole("link", { name: "郑家村黑木耳专业合作社：报表" });
    expect(link.getAttribute("href")).toBe("/dashboard/zhengjia/reports?from=2026-01-01&to=2026-12-31");
    expect(within(rows[1]).getByText("¥120.00")).toBeTruthy();
    expect(within(rows[3]).getByRole("rowheader").textContent).toBe("全部合作社");
    expect(within(rows[3]).getByText("¥240.00")).toBeTruthy();
  });

  it("speaks English with the same columns", () => {
    const html = serverRenderInApp(<PlatformIncomeTable income={income} range={range} />);
    const table = within(html).getByRole("table", { name: "Income from 2026-01-01 to 2026-12-31" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual([
      "Cooperative",
      "Orders",
      "Gross sales",
      "Refunds",
      "Net sales",
      "Household income",
      "Collective income",
      "Streamer commission",
      "Platform fee",
      "Reports",
    ]);
    expect(within(table).getByRole("rowheader", { name: "All cooperatives" })).toBeTruthy();
  });
});
