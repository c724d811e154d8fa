import { useI18n } from "~/i18n/use-i18n";
import type { PayeeKind, PayoutRow } from "~/models/payout.server";

// Payouts as the dashboard's payouts page and the studio's "your earnings" list them.

/** A payee's name to show: the collective is named by the catalogue, a missing name says so. */
export function usePayeeName() {
  const { t } = useI18n();
  return (kind: PayeeKind, name: string | null) =>
    kind === "collective" ? t("dash.payouts.collective") : (name ?? t("dash.payouts.unnamed"));
}

/** A YYYY-MM-DD day in the viewer's language ("3 Dec 2026" / "2026年12月3日"). */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** Newest first: payee (or cooperative, for a streamer's own list), amount, day, method, note, who. */
export function PayoutHistory({ payouts, empty }: { payouts: (PayoutRow & { cooperativeName?: string })[]; empty: string }) {
  const { t, price, locale } = useI18n();
  const payeeName = usePayeeName();
  if (payouts.length === 0) return <p className="text-soil-800">{empty}</p>;
  return (
    <ul className="divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
      {payouts.map((p) => (
        <li key={p.id} className="p-3 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-semibold">
              {p.cooperativeName ?? payeeName(p.kind, p.payeeName)} · {price(p.amountFen)}
            </p>
            <p className="text-soil-800">
              <time dateTime={p.paidOn}>{formatDay(p.paidOn, locale)}</time> · {t(`dash.payouts.method.${p.method}`)}
            </p>
          </div>
          {p.stripeTransferId ? (
            <p className="mt-0.5 break-all text-soil-800">
              {t("dash.payouts.method.stripe_transfer")} <code>{p.stripeTransferId}</code>
            </p>
          ) : (
            <p className="mt-0.5 break-words text-soil-800">{p.note}</p>
          )}
          <p className="mt-0.5 text-xs text-soil-800">
            {p.method === "stripe_transfer"
              ? t("dash.payouts.sentAutomatically")
              : t("dash.payouts.recordedBy", { name: p.recordedBy ?? t("dash.payouts.byUnknown") })}
          </p>
        </li>
      ))}
    </ul>
  );
}
