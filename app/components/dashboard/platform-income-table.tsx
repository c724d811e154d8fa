import { Link } from "@remix-run/react";
import type { DayRange } from "~/domain/report-period";
import { useI18n } from "~/i18n/use-i18n";
import type { PlatformIncome } from "~/models/dashboard/platform-income.server";
import { FIGURE_ROWS, ScrollTable, cellClass, headClass, headStartClass, rowHeadClass, tableClass } from "./income-tables";

// The platform overview's table: one row per cooperative with its figures and a link to its
// reports, the platform's total last. It scrolls sideways on a phone, like the period table.
const COLUMNS = FIGURE_ROWS.filter((f) => f.key !== "buyers");

export function PlatformIncomeTable({ income, range }: { income: PlatformIncome; range: DayRange }) {
  const { t, price, count } = useI18n();
  const query = new URLSearchParams({ from: range.from, to: range.to });
  const figure = (row: PlatformIncome["total"], key: (typeof COLUMNS)[number]["key"], money: boolean) =>
    money ? price(row[key as keyof PlatformIncome["total"]]) : count(row[key as keyof PlatformIncome["total"]]);
  return (
    <ScrollTable labelledBy="platform-income">
      <table className={tableClass}>
        <caption id="platform-income" className="px-2 py-2 text-left font-semibold">
          {t("platformIncome.table", range)}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={headStartClass}>
              {t("platformIncome.cooperative")}
            </th>
            {COLUMNS.map(({ key, label }) => (
              <th key={key} scope="col" className={headClass}>
                {t(label)}
              </th>
            ))}
            <th scope="col" className={headStartClass}>
              {t("platformIncome.reports")}
            </th>
          </tr>
        </thead>
        <tbody>
          {income.coops.map((c) => (
            <tr key={c.slug}>
              <th scope="row" className={rowHeadClass}>
                {c.name}
              </th>
              {COLUMNS.map(({ key, money }) => (
                <td key={key} className={cellClass}>
                  {figure(c, key, money)}
                </td>
              ))}
              <td className={`${cellClass} text-left`}>
                <Link
                  to={`/dashboard/${c.slug}/reports?${query}`}
                  aria-label={t("platformIncome.reportsOf", { coop: c.name })}
                  className="text-leaf-800 underline"
                >
                  {t("platformIncome.reports")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <th scope="row" className={rowHeadClass}>
              {t("platformIncome.total")}
            </th>
            {COLUMNS.map(({ key, money }) => (
              <td key={key} className={cellClass}>
                {figure(income.total, key, money)}
              </td>
            ))}
            <td className={cellClass} />
          </tr>
        </tfoot>
      </table>
    </ScrollTable>
  );
}
