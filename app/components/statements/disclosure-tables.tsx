import { useI18n } from "~/i18n/use-i18n";
import type { DisclosureFigures, DisclosureYear } from "~/models/disclosure.server";

// The disclosure's figures: each year's totals as a list (readable on a phone), then its
// months as a table that scrolls sideways on a narrow screen rather than squeezing.
const FIGURES = [
  ["disclosure.net", "netFen"],
  ["disclosure.collective", "collectiveFen"],
  ["disclosure.household", "householdFen"],
  ["disclosure.paid", "paidToHouseholdsFen"],
] as const;

const TH = "border-b border-soil-300 px-2 py-1 text-right font-medium";
const TD = "border-b border-soil-100 px-2 py-1 whitespace-nowrap text-right tabular-nums";

function Cells({ figures }: { figures: DisclosureFigures }) {
  const { price, count } = useI18n();
  return (
    <>
      {FIGURES.map(([key, figure]) => (
        <td key={key} className={TD}>
          {price(figures[figure])}
        </td>
      ))}
      <td className={TD}>{count(figures.householdsPaid)}</td>
    </>
  );
}

export function DisclosureTables({ years }: { years: DisclosureYear[] }) {
  const { t, price, count } = useI18n();
  return (
    <div className="space-y-6">
      {years.map((y) => (
        <section key={y.year} aria-labelledby={`disclosure-${y.year}`} className="space-y-2 break-inside-avoid">
          <h2 id={`disclosure-${y.year}`} className="text-lg font-semibold">
            {t("disclosure.year", { year: String(y.year) })}
          </h2>
          <dl className="grid grid-cols-2 gap-2 rounded-lg bg-white p-3 text-sm shadow-sm sm:grid-cols-5">
            {FIGURES.map(([key, figure]) => (
              <div key={key}>
                <dt className="text-soil-800">{t(key)}</dt>
                <dd className="font-semibold tabular-nums">{price(y[figure])}</dd>
              </div>
            ))}
            <div>
              <dt className="text-soil-800">{t("disclosure.householdsPaid")}</dt>
              <dd className="font-semibold tabular-nums">{count(y.householdsPaid)}</dd>
            </div>
          </dl>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">{t("disclosure.year", { year: String(y.year) })}</caption>
              <thead>
                <tr>
                  <th scope="col" className={`${TH} text-left`}>
                    {t("disclosure.period")}
                  </th>
                  {FIGURES.map(([key]) => (
                    <th key={key} scope="col" className={TH}>
                      {t(key)}
                    </th>
                  ))}
                  <th scope="col" className={TH}>
                    {t("disclosure.householdsPaid")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {y.months.map((m) => (
                  <tr key={m.label}>
                    <th scope="row" className="border-b border-soil-100 px-2 py-1 text-left font-normal">
                      {m.label}
                    </th>
                    <Cells figures={m} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
