import { usePayeeName } from "~/components/payout-history";
import { useI18n } from "~/i18n/use-i18n";
import type { StripeAttention } from "~/models/stripe-attention.server";

// The payouts page's "needs attention" panel in Stripe mode (ADR 0027).
export function StripeAttentionPanel({ attention }: { attention: StripeAttention }) {
  const { t, price, date } = useI18n();
  const payeeName = usePayeeName();
  const order = (id: string) => id.slice(0, 8);
  const { disputes, receivables, outsideRefunds, failedRefunds, refundsUnconfirmed, held } = attention;
  const empty = disputes.length + receivables.length + outsideRefunds.length + failedRefunds.length + refundsUnconfirmed + held.count === 0;
  return (
    <section aria-labelledby="stripe-attention" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="stripe-attention" className="text-lg font-semibold">
        {t("dash.attention.title")}
      </h2>
      {empty ? <p className="text-sm text-soil-800">{t("dash.attention.none")}</p> : null}
      {held.count > 0 ? (
        <p role="status" className="rounded bg-amber-50 p-2 text-sm text-soil-900">
          {t("dash.attention.held", { count: held.count, amount: price(held.amountFen) })}
        </p>
      ) : null}
      {refundsUnconfirmed > 0 ? (
        <p className="text-sm text-soil-800">{t("dash.attention.unconfirmed", { count: refundsUnconfirmed })}</p>
      ) : null}
      {failedRefunds.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("dash.attention.failedRefunds")}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {failedRefunds.map((r) => (
              <li key={`${r.orderId}:${r.at}`} className="text-chili-700">
                {t("dash.attention.failedRefund", { order: order(r.orderId), amount: price(r.amountFen), reason: r.failure || "—" })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {disputes.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("dash.attention.disputes")}</h3>
          <ul className="mt-1 space-y-2 text-sm">
            {disputes.map((d) => (
              <li key={d.id} className="rounded border border-soil-100 p-2">
                <p className="font-medium">
                  {t("dash.attention.dispute", { order: order(d.orderId), amount: price(d.amountFen), reason: d.reason || "—" })}
                </p>
                <p className="text-soil-800">
                  {d.outcome === null
                    ? t("dash.attention.dispute.open", { date: date(d.openedAt), status: d.stripeStatus })
                    : t(d.outcome === "won" ? "dash.attention.dispute.won" : "dash.attention.dispute.lost")}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {receivables.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("dash.attention.receivables")}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {receivables.map((r) => (
              <li key={`${r.orderId}:${r.kind}:${r.payeeName ?? ""}:${r.at}`}>
                {t("dash.attention.receivable", {
                  payee: payeeName(r.kind, r.payeeName),
                  amount: price(r.amountFen),
                  order: order(r.orderId),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {outsideRefunds.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("dash.attention.outside")}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {outsideRefunds.map((o) => (
              <li key={`${o.orderId}:${o.at}`}>
                {t("dash.attention.outsideRefund", { order: order(o.orderId), amount: price(o.amountFen) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
