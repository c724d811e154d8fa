import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { FieldError } from "~/components/form-field";
import type { FormReply } from "~/forms/parse-form";
import { refundFormSchema, refundQuantityField } from "~/forms/refund";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { AdminOrder } from "~/models/dashboard/orders.server";

export type CoopOrder = AdminOrder & { refundId: string };

/**
 * Step one of a refund: the order's items (with units to refund while it is refundable),
 * its split, restock and reason. It only asks for a review; nothing moves money here.
 */
export function RefundReviewForm({ order, reviewing, lastResult }: { order: CoopOrder; reviewing: boolean; lastResult?: FormReply }) {
  const { t, price } = useI18n();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm(refundFormSchema, { id: `refund-${order.id}`, lastResult });
  const refundable = ["paid", "fulfilled", "partially_refunded"].includes(order.status) && !reviewing;
  const { key: restockKey, ...restock } = getInputProps(fields.restock, { type: "checkbox" });
  const { key: reasonKey, ...reason } = getInputProps(fields.reason, { type: "text" });
  const echoed = lastResult?.initialValue ?? {};
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
      <input type="hidden" name="intent" value="review-refund" />
      <input type="hidden" name="orderId" value={order.id} />
      <input type="hidden" name="refundId" value={order.refundId} />
      <table className="w-full text-sm">
        <tbody>
          {order.items.map((item) => {
            const title = item.title;
            const left = item.quantity - item.refundedQuantity;
            const name = refundQuantityField(item.id);
            const typed = echoed[name];
            return (
              <tr key={item.id} className="border-t border-soil-100">
                <td className="py-1">
                  {title} × {item.quantity}
                  {item.soldLive ? <span className="ml-1 rounded bg-chili-700 px-1 text-xs text-white">{t("dash.order.live")}</span> : null}
                  {item.refundedQuantity ? (
                    <span className="ml-1 text-chili-700">({t("order.refundedQty", { count: item.refundedQuantity })})</span>
                  ) : null}
                </td>
                <td className="py-1 text-right tabular-nums">{price(item.lineTotalFen)}</td>
                {refundable ? (
                  <td className="w-24 py-1 pl-2">
                    <input
                      type="number"
                      name={name}
                      min={0}
                      max={left}
                      defaultValue={typeof typed === "string" ? typed : 0}
                      disabled={left === 0}
                      aria-label={t("dash.order.refundQty", { title })}
                      className="w-20 rounded border border-soil-700 px-2 py-1"
                    />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {order.split.length ? (
        <div className="text-sm">
          <p className="font-medium">{t("dash.order.split")}</p>
          <ul className="flex flex-wrap gap-x-4">
            {order.split.map((s, i) => (
              <li key={i}>
                {s.kind === "household" ? s.name : t(`dash.split.${s.kind}`).replace(" %", "")}:{" "}
                <span className="tabular-nums">{price(s.amountFen)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {refundable ? (
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input key={restockKey} {...restock} className="h-4 w-4" /> {t("dash.order.restock")}
          </label>
          <div className="text-sm">
            <label htmlFor={fields.reason.id} className="block">
              {t("dash.order.reason")}
            </label>
            <input key={reasonKey} {...reason} maxLength={200} className="rounded border border-soil-700 px-2 py-1" />
            <FieldError field={fields.reason} />
          </div>
          <button
            type="submit"
            disabled={navigation.state === "submitting"}
            className="rounded bg-chili-700 px-3 py-1.5 text-sm font-semibold text-white"
          >
            {t("dash.order.refundSelected")}
          </button>
        </div>
      ) : null}
    </Form>
  );
}
