import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import type { PlacedOrder } from "./sheet-checkout-step";

type PayReply = { declined: boolean; notPayable: boolean; paid?: boolean; orderUrl?: string };

const DEMO_PAY = /^\/pay\/demo\/[0-9a-f-]{36}$/;

// Paying without leaving: the demo provider's own action, driven by a fetcher (the same
// "payment succeeded" path as a real payment). One attempt id per order shown here, as the
// pay page makes one per view, so a double tap pays once. (Not the pay page's loader through
// a fetcher: once paid it redirects to the order, and a fetcher's revalidation would follow
// that redirect away from the stream.) A real provider's checkout (Stripe) cannot be framed:
// it opens in a new tab, and this tab keeps the stream.
export function SheetPayStep({ order, onPaid }: { order: PlacedOrder; onPaid: (orderUrl: string) => void }) {
  const { t, price } = useI18n();
  const pay = useFetcher<PayReply>();
  const demo = DEMO_PAY.test(order.payUrl);
  const [attemptId] = useState(() => crypto.randomUUID());
  useEffect(() => {
    if (pay.state === "idle" && pay.data?.paid && pay.data.orderUrl) onPaid(pay.data.orderUrl);
  }, [pay.state, pay.data, onPaid]);

  if (!demo) {
    return (
      <a
        href={order.payUrl}
        target="_blank"
        rel="noopener noreferrer"
        className="block rounded bg-leaf-700 px-4 py-3 text-center font-semibold text-white"
      >
        {t("liveCart.payElsewhere")}
      </a>
    );
  }
  const busy = pay.state !== "idle";
  return (
    <div className="space-y-3">
      <h3 className="font-semibold">{t("liveCart.payTitle")}</h3>
      <p className="text-sm text-soil-800">{t("pay.explain")}</p>
      <p>
        {t("pay.amount")}: <span className="text-xl font-bold text-chili-700">{price(order.totalFen)}</span>
      </p>
      {pay.data?.declined && !busy ? (
        <p role="alert" className="text-sm text-chili-700">
          {t("pay.declined")}
        </p>
      ) : null}
      {pay.data?.notPayable && !busy ? (
        <p role="alert" className="text-sm text-chili-700">
          {t("pay.notPayable")}
        </p>
      ) : null}
      <pay.Form method="post" action={order.payUrl} className="flex gap-2">
        <input type="hidden" name="enhanced" value="1" />
        <input type="hidden" name="attemptId" value={attemptId} />
        <button
          type="submit"
          name="intent"
          value="pay"
          disabled={busy}
          className="flex-1 rounded bg-leaf-700 px-4 py-3 font-semibold text-white hover:bg-leaf-800 disabled:opacity-70"
        >
          {busy ? t("liveCart.paying") : t("pay.pay", { amount: price(order.totalFen) })}
        </button>
        <button type="submit" name="intent" value="decline" disabled={busy} className="rounded border border-soil-700 px-4 py-3">
          {t("pay.decline")}
        </button>
      </pay.Form>
    </div>
  );
}
