// @vitest-environment jsdom
import { within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { IncomePeriod, IncomeTotals } from "~/models/dashboard/income-report.server";
import { serverRenderInApp } from "../../../tests/support/remix-stub";
import { PeriodTable, TotalsTable } from "./income-tables";
import { BarChart, LineChart } from "./report-charts";
import { fenToYuanString } from "~/domain/money";

const figures = (netFen: number, orders: number) => ({
  orders,
  buyers: orders,
  grossFen: Math.max(netFen, 0) + 500,
  refundsFen: Math.max(netFen, 0) + 500 - netFen,
  netFen,
  householdFen: netFen,
  collectiveFen: 0,
  streamerFen: 0,
  platformFen: 0,
});
const PERIODS: IncomePeriod[] = [
  { start: "2026-01-01", label: "2026-01", ...figures(120_000, 4) },
  { start: "2026-02-01", label: "2026-02", ...figures(0, 0) },
  { start: "2026-03-01", label: "2026-03", ...figures(-3_000, 1) },
];
const money = (fen: number) => `¥${fenToYuanString(fen)}`;

describe("report charts", () => {
  it("are server-rendered SVG images named by their title and a text alternative, one bar per period", () => {
    const page = serverRenderInApp(
      <>
        <BarChart
          id="net"
          title="Net sales per month"
          description="See the table"
          points={PERIODS.map((p) => ({ label: p.label, value: p.netFen }))}
          format={money}
        />
        <LineChart
          id="orders"
          title="Orders per month"
          description="See the table"
          points={PERIODS.map((p) => ({ label: p.label, value: p.orders }))}
          format={String}
        />
      </>,
    );
    const bar = within(page).getByRole("img", { name: "Net sales per month See the table" });
    expect(bar.tagName.toLowerCase()).toBe("svg");
    expect(bar.getAttribute("viewBox")).toBe("0 0 360 190");
    const rects = bar.querySelectorAll("rect");
    expect(rects).toHaveLength(3);
    // a negative month is drawn below the zero line, in the refund colour
    expect(rects[2].getAttribute("fill")).toBe("#b3261e");
    expect(Number(rects[1].getAttribute("height"))).toBe(0);
    expect(bar.textContent).toContain("¥1200.00");
    const line = within(page).getByRole("img", { name: "Orders per month See the table" });
    expect(line.querySelector("polyline")?.getAttribute("points")?.split(" ")).toHaveLength(3);
    expect(page.querySelector("script")).toBeNull();
  });

  it("thin their labels so a year of days stays readable on a phone", () => {
    const days = Array.from({ length: 366 }, (_, i) => ({ label: `d${i}`, value: i % 7 }));
    const page = serverRenderInApp(<BarChart id="days" title="Per day" description="d" points={days} format={String} />);
    const labels = [...page.querySelectorAll("svg text")].map((t) => t.textContent).filter((t) => t?.startsWith("d"));
    expect(labels.length).toBeLessThanOrEqual(6);
    expect(labels[0]).toBe("d0");
    expect(labels.at(-1)).toBe("d365");
    // a year of months: first and last, never two neighbours
    const months = Array.from({ length: 12 }, (_, i) => ({ label: `m${i + 1}`, value: i }));
    const monthly = serverRenderInApp(<BarChart id="months" title="Per month" description="m" points={months} format={String} />);
    const shown = [...monthly.querySelectorAll("svg text")].map((t) => t.textContent).filter((t) => t?.startsWith("m"));
    expect(shown).toEqual(["m1", "m3", "m5", "m7", "m9", "m12"]);
  });
});

describe("report tables", () => {
  it("give every period and figure as a captioned table: the charts' data", () => {
    const page = serverRenderInApp(<PeriodTable id="periods" periods={PERIODS} group="month" />);
    const table = within(page).getByRole("table", { name: "Income per month" });
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    expect(within(table).getByRole("rowheader", { name: "2026-03" })).toBeTruthy();
    expect(within(table).getByRole("columnheader", { name: "Net sales" })).toBeTruthy();
    expect(table.textContent).toContain("¥1,200.00");
    expect(table.textContent).toContain("-¥30.00");
  });

  it("put this period beside the previous one with the change", () => {
    const totals: IncomeTotals = {
      range: { from: "2026-01-01", to: "2026-12-31" },
      current: figures(150_000, 6),
      previousRange: { from: "2025-01-01", to: "2025-12-31" },
      previous: figures(100_000, 0),
    };
    const page = serverRenderInApp(<TotalsTable totals={totals} />, { locale: "zh-CN" });
    const table = within(page).getByRole("table", { name: /2026-01-01 至 2026-12-31 合计/ });
    const net = within(table).getByRole("row", { name: /净销售额/ });
    expect(net.textContent).toContain("¥1,500.00");
    expect(net.textContent).toContain("+¥500.00 (+50%)");
    expect(within(table).getByRole("row", { name: /订单数/ }).textContent).toContain("+6 (新增)");
  });
});
