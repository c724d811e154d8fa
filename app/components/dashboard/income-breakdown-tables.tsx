import { useI18n } from "~/i18n/use-i18n";
import type { MessageKey } from "~/i18n/translate";
import type { HouseholdIncome, ProductIncome, SessionIncome } from "~/models/dashboard/income-breakdowns.server";
import { cellClass, headClass, headStartClass, rowHeadClass, ScrollTable, tableClass } from "./income-tables";

// Where the period's income came from: each household, each product, each live session.

function Head({ labels }: { labels: MessageKey[] }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {labels.map((label, i) => (
          <th key={label} scope="col" className={i === 0 ? headStartClass : headClass}>
            {t(label)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function Section({ id, title, empty, children }: { id: string; title: MessageKey; empty: MessageKey | null; children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {t(title)}
      </h2>
      {empty ? <p className="text-sm text-soil-800">{t(empty)}</p> : <ScrollTable labelledBy={id}>{children}</ScrollTable>}
    </section>
  );
}

export function HouseholdIncomeTable({ households }: { households: HouseholdIncome[] }) {
  const { price, count } = useI18n();
  return (
    <Section id="report-households" title="dash.reports.byHousehold" empty={households.length ? null : "dash.reports.noHouseholds"}>
      <table className={tableClass}>
        <Head labels={["dash.reports.householdName", "dash.reports.orders", "dash.reports.householdSales", "dash.reports.household"]} />
        <tbody>
          {households.map((h) => (
            <tr key={h.householdId}>
              <th scope="row" className={rowHeadClass}>
                {h.name}
              </th>
              <td className={cellClass}>{count(h.orders)}</td>
              <td className={cellClass}>{price(h.netSalesFen)}</td>
              <td className={`${cellClass} font-semibold`}>{price(h.incomeFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function ProductIncomeTable({ products }: { products: ProductIncome[] }) {
  const { price, count } = useI18n();
  return (
    <Section id="report-products" title="dash.reports.byProduct" empty={products.length ? null : "dash.reports.noProducts"}>
      <table className={tableClass}>
        <Head labels={["dash.reports.product", "dash.reports.orders", "dash.reports.gross", "dash.reports.refunds", "dash.reports.net"]} />
        <tbody>
          {products.map((p) => (
            <tr key={p.productId}>
              <th scope="row" className={rowHeadClass}>
                {p.title}
              </th>
              <td className={cellClass}>{count(p.orders)}</td>
              <td className={cellClass}>{price(p.grossFen)}</td>
              <td className={cellClass}>{price(p.refundsFen)}</td>
              <td className={`${cellClass} font-semibold`}>{price(p.netFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function SessionIncomeTable({ sessions }: { sessions: (SessionIncome & { ordersPer100Tenths: number | null })[] }) {
  const { t, price, count, date, locale } = useI18n();
  const ratio = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <Section id="report-sessions" title="dash.reports.bySession" empty={sessions.length ? null : "dash.reports.noSessions"}>
      <table className={tableClass}>
        <Head
          labels={[
            "dash.reports.session",
            "dash.reports.gmv",
            "dash.reports.orders",
            "dash.reports.peakViewers",
            "dash.reports.ordersPer100",
          ]}
        />
        <tbody>
          {sessions.map((s) => (
            <tr key={s.sessionId}>
              <th scope="row" className={rowHeadClass}>
                {s.title}
                <span className="block text-xs font-normal text-soil-800">{date(s.startsAt)}</span>
              </th>
              <td className={`${cellClass} font-semibold`}>{price(s.gmvFen)}</td>
              <td className={cellClass}>{count(s.orders)}</td>
              <td className={cellClass}>{s.peakViewers === null ? t("dash.reports.notRecorded") : count(s.peakViewers)}</td>
              <td className={cellClass}>
                {s.ordersPer100Tenths === null ? t("dash.reports.notRecorded") : ratio.format(s.ordersPer100Tenths / 10)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
