import type { ReportGroup } from "~/domain/report-period";
import { useI18n } from "~/i18n/use-i18n";
import type { MessageKey } from "~/i18n/translate";
import type { IncomeFigures, IncomePeriod, IncomeTotals } from "~/models/dashboard/income-report.server";

// The reports page's tables. Each is a real <table> with a caption and header cells: the
// period table is also the accessible data of both charts.

export const FIGURE_ROWS: { key: keyof IncomeFigures; label: MessageKey; money: boolean }[] = [
  { key: "orders", label: "dash.reports.orders", money: false },
  { key: "buyers", label: "dash.reports.buyers", money: false },
  { key: "grossFen", label: "dash.reports.gross", money: true },
  { key: "refundsFen", label: "dash.reports.refunds", money: true },
  { key: "netFen", label: "dash.reports.net", money: true },
  { key: "householdFen", label: "dash.reports.household", money: true },
  { key: "collectiveFen", label: "dash.reports.collective", money: true },
  { key: "streamerFen", label: "dash.reports.streamer", money: true },
  { key: "platformFen", label: "dash.reports.platform", money: true },
];

export const tableClass = "w-full min-w-max border-collapse text-sm";
export const cellClass = "border-b border-soil-100 px-2 py-1.5 text-right tabular-nums";
/** a column header over figures; the first column's (names) is headStartClass */
export const headClass = "border-b border-soil-700 px-2 py-1.5 text-right font-semibold";
export const headStartClass = "border-b border-soil-700 px-2 py-1.5 text-left font-semibold";
export const rowHeadClass = "border-b border-soil-100 px-2 py-1.5 text-left font-medium";

/** A table that scrolls sideways on a phone instead of squeezing its figures (browsers let the keyboard scroll it). */
export function ScrollTable({ labelledBy, children }: { labelledBy: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm" role="region" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}

/** The change as "+¥500.00" and "(+50%)" (or "(new)" from nothing), each kept on one line. */
function useChange() {
  const { locale, price, count } = useI18n();
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
  return (current: number, previous: number, money: boolean, fresh: string): [string, string | null] => {
    const delta = current - previous;
    const amount = money ? price(delta) : count(delta);
    const signed = delta > 0 ? `+${amount}` : amount;
    if (previous === 0) return [signed, delta === 0 ? null : `(${fresh})`];
    // display only: a ratio of two integers, rounded by Intl
    return [signed, `(${percent.format(delta / Math.abs(previous))})`];
  };
}

/** This period's totals beside the previous period's, with the change. */
export function TotalsTable({ totals }: { totals: IncomeTotals }) {
  const { t, price, count } = useI18n();
  const change = useChange();
  const value = (figures: IncomeFigures, key: keyof IncomeFigures, money: boolean) => (money ? price(figures[key]) : count(figures[key]));
  return (
    <ScrollTable labelledBy="report-totals">
      {/* four columns fit a phone when their text wraps: no sideways scrolling here */}
      <table className="w-full border-collapse text-sm">
        <caption id="report-totals" className="px-2 py-2 text-left font-semibold">
          {t("dash.reports.totals", totals.range)}
          <span className="block text-xs font-normal text-soil-800">{t("dash.reports.comparedWith", totals.previousRange)}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className={headStartClass}>
              {t("dash.reports.figure")}
            </th>
            <th scope="col" className={headClass}>
              {t("dash.reports.thisPeriod")}
            </th>
            <th scope="col" className={headClass}>
              {t("dash.reports.previousPeriod")}
            </th>
            <th scope="col" className={headClass}>
              {t("dash.reports.change")}
            </th>
          </tr>
        </thead>
        <tbody>
          {FIGURE_ROWS.map(({ key, label, money }) => (
            <tr key={key} className={key === "netFen" ? "font-semibold" : undefined}>
              <th scope="row" className={rowHeadClass}>
                {t(label)}
              </th>
              <td className={cellClass}>{value(totals.current, key, money)}</td>
              <td className={cellClass}>{value(totals.previous, key, money)}</td>
              <td className={cellClass}>
                {change(totals.current[key], totals.previous[key], money, t("dash.reports.changeNew"))
                  .filter((part) => part !== null)
                  .map((part, i) => (
                    <span key={i} className="whitespace-nowrap">
                      {i > 0 ? " " : ""}
                      {part}
                    </span>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** Every period with every figure: the charts' data table. */
export function PeriodTable({ id, periods, group }: { id: string; periods: IncomePeriod[]; group: ReportGroup }) {
  const { t, price, count } = useI18n();
  return (
    <ScrollTable labelledBy={id}>
      <table className={tableClass}>
        <caption id={id} className="px-2 py-2 text-left font-semibold">
          {t("dash.reports.byPeriod", { group: t(`dash.reports.groupNoun.${group}`) })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={headStartClass}>
              {t("dash.reports.period")}
            </th>
            {FIGURE_ROWS.map(({ key, label }) => (
              <th key={key} scope="col" className={headClass}>
                {t(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.start}>
              <th scope="row" className={rowHeadClass}>
                {p.label}
              </th>
              {FIGURE_ROWS.map(({ key, money }) => (
                <td key={key} className={cellClass}>
                  {money ? price(p[key]) : count(p[key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
