import { getFormProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { CheckoutFields } from "~/components/checkout-fields";
import { checkoutSchema } from "~/forms/checkout";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { CheckoutActionData } from "~/routes/checkout";

export type PlacedOrder = { orderId: string; totalFen: number; payUrl: string };

// Delivery details, posted to /checkout by a fetcher (enhanced=1: the action answers with
// where to pay instead of redirecting), so the page — and its video — stays.
export function SheetCheckoutStep({
  totalFen,
  onPlaced,
  onBack,
}: {
  totalFen: number;
  onPlaced: (order: PlacedOrder) => void;
  onBack: () => void;
}) {
  const { t, list, price } = useI18n();
  const fetcher = useFetcher<CheckoutActionData>();
  const reply = fetcher.data;
  const [form, fields] = useSchemaForm(checkoutSchema, {
    id: "live-sheet-checkout",
    lastResult: fetcher.state === "idle" && reply && "result" in reply ? reply.result : undefined,
  });
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    if (fetcher.state === "idle" && reply?.kind === "placed") onPlaced(reply);
  }, [fetcher.state, reply, onPlaced]);

  return (
    <fetcher.Form method="post" action="/checkout" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="place-order" />
      <input type="hidden" name="enhanced" value="1" />
      <h3 className="font-semibold">{t("liveCart.details")}</h3>
      {reply?.kind === "refused" && !busy ? (
        <p role="alert" className="rounded bg-chili-700/10 p-2 text-sm text-chili-700">
          {t(`checkout.refused.${reply.refusal.reason}`, {
            items: list(reply.titles),
            count: reply.refusal.reason === "over_limit" ? reply.refusal.remaining : 0,
          })}
        </p>
      ) : null}
      <CheckoutFields fields={fields} />
      <div className="flex gap-2">
        <button type="button" onClick={onBack} className="rounded border border-soil-700 px-4 py-3">
          {t("liveCart.back")}
        </button>
        <button
          type="submit"
          disabled={busy}
          className="flex-1 rounded bg-chili-700 px-4 py-3 font-semibold text-white hover:bg-chili-600 disabled:opacity-70"
        >
          {busy ? t("liveCart.placing") : `${t("checkout.placeOrder")} · ${price(totalFen)}`}
        </button>
      </div>
    </fetcher.Form>
  );
}
