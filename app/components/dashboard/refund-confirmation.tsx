import { getFormProps } from "@conform-to/react";
import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { refundFormSchema, refundQuantityField } from "~/forms/refund";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { RefundReversal } from "~/models/refund.server";

export type RefundReview = {
  orderId: string;
  refundId: string;
  restock: boolean;
  reason: string;
  confirmation: string;
  amountFen: number;
  items: { orderItemId: string; title: string; quantity: number; amountFen: number }[];
  reversal: RefundReversal[];
};

/**
 * Step two of a refund: exactly what will be refunded, and only then the button that
 * moves money. The form carries the same refund id as step one (a double submit is still
 * one refund) and the server's confirmation of what was reviewed. Works without JavaScript.
 */
export function RefundConfirmation({ review }: { review: RefundReview }) {
  const { t, price } = useI18n();
  const location = useLocation();
  const navigation = useNavigation();
  const [form] = useSchemaForm(refundFormSchema, { id: `refund-confirm-${review.orderId}` });
  const panel = useRef<HTMLElement>(null);
  const titleId = `refund-confirm-${review.orderId}`;
  useEffect(() => {
    panel.current?.focus();
  }, [review.confirmation]);
  return (
    <section
      ref={panel}
      tabIndex={-1}
      aria-labelledby={titleId}
      className="mt-3 rounded border-2 border-chili-700 bg-chili-700/5 p-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-chili-700"
    >
      <h3 id={titleId} className="font-semibold text-chili-700">
        {t("dash.refund.confirmTitle")}
      </h3>
      <p className="mt-1">{t("dash.refund.confirmIntro", { amount: price(review.amountFen) })}</p>
      <ul className="mt-1 list-disc pl-5">
        {review.items.map((item) => (
          <li key={item.orderItemId}>
            {t("dash.refund.confirmLine", { title: item.title, count: item.quantity, amount: price(item.amountFen) })}
          </li>
        ))}
      </ul>
      <p className="mt-2">{review.restock ? t("dash.refund.restockYes") : t("dash.refund.restockNo")}</p>
      <p className="mt-2">{t("dash.refund.reverses")}</p>
      <ul className="mt-1 list-disc pl-5">
        {review.reversal.map((r) => (
          <li key={`${r.party}:${r.name}`}>
            {r.party === "household" && r.name ? r.name : `${t(`dash.refund.party.${r.party}`)}${r.name ? ` (${r.name})` : ""}`}:{" "}
            <span className="whitespace-nowrap tabular-nums">−{price(r.amountFen)}</span>
          </li>
        ))}
      </ul>
      {review.reason ? <p className="mt-2">{t("dash.refund.reasonIs", { reason: review.reason })}</p> : null}
      <Form method="post" {...getFormProps(form)} className="mt-3 flex flex-wrap items-center gap-3">
        <input type="hidden" name="intent" value="refund" />
        <input type="hidden" name="orderId" value={review.orderId} />
        <input type="hidden" name="refundId" value={review.refundId} />
        <input type="hidden" name="confirmation" value={review.confirmation} />
        {review.items.map((item) => (
          <input key={item.orderItemId} type="hidden" name={refundQuantityField(item.orderItemId)} value={item.quantity} />
        ))}
        {review.restock ? <input type="hidden" name="restock" value="on" /> : null}
        <input type="hidden" name="reason" value={review.reason} />
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="rounded bg-chili-700 px-3 py-1.5 font-semibold text-white"
        >
          {t("dash.refund.confirm")}
        </button>
        <Link to={location.pathname} className="rounded border border-soil-700 px-3 py-1.5 text-soil-900 no-underline">
          {t("dash.refund.cancel")}
        </Link>
      </Form>
    </section>
  );
}
