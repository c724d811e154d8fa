import { isUuid } from "~/domain/uuid";
import { UNSTORABLE_MESSAGE } from "~/forms/form-object";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { refundConfirmation } from "~/http/refund-confirmation.server";
import { sameToken } from "~/http/signed-token.server";
import { RefundConfirmation, type RefundReview } from "~/components/dashboard/refund-confirmation";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { refundFormSchema } from "~/forms/dashboard";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import type { MessageKey } from "~/i18n/translate";
import { useI18n } from "~/i18n/use-i18n";
import { resolveLocale } from "~/i18n/locale";
import { coopItemIds, listCoopOrders } from "~/models/dashboard/orders.server";
import { previewRefund, refundOrder } from "~/models/refund.server";
import { readForm } from "~/http/read-form.server";

// A cooperative's orders with the split of its items, and refunds of those items.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { user, coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const orders = await scope.run((tx) => listCoopOrders(tx, coop.id, resolveLocale(request)));
  // One refund id per page view: a double submit of the same form refunds once.
  return { orders: orders.map((o) => ({ ...o, refundId: randomUUID() })) };
}

type ActionData =
  | ({ stage: "review"; ok: true } & RefundReview)
  | { stage: "done"; ok: true; orderId: string; amountFen: number }
  | { stage: "error"; ok: false; orderId: string; error: MessageKey; count?: number };

// Two steps, both plain forms: "review-refund" only shows what would happen; "refund"
// moves money, and only with the confirmation the review step issued for exactly that refund.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { user, coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent !== "refund" && intent !== "review-refund") throw new Response("Unknown intent", { status: 400 });
  const parsed = refundFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    // Hidden ids that are not ids: a forged form. A bad reason: say so beside the order.
    const orderId = String(form.get("orderId") ?? "");
    const reasonIssue = parsed.error.issues.find((issue) => issue.path[0] === "reason");
    if (!reasonIssue || !isUuid(orderId)) throw new Response("Invalid refund form", { status: 400 });
    const error: MessageKey = reasonIssue.message === UNSTORABLE_MESSAGE ? UNSTORABLE_MESSAGE : "dash.refund.errors.reason";
    return data<ActionData>({ stage: "error", ok: false, orderId, error }, { status: 422 });
  }
  const { orderId, refundId, restock, reason } = parsed.data;
  // Only this cooperative's items, as RLS shows them to this admin, can be refunded here.
  const allowed = await scope.run((tx) => coopItemIds(tx, coop.id, orderId));
  const items = [...allowed]
    .map((orderItemId) => ({ orderItemId, quantity: Number(form.get(`qty-${orderItemId}`) ?? 0) }))
    .filter((i) => Number.isInteger(i.quantity) && i.quantity > 0);
  const fail = (error: MessageKey, status: number, count?: number) =>
    data<ActionData>({ stage: "error", ok: false, orderId, error, count }, { status });
  if (allowed.size === 0) return fail("dash.refund.errors.unknown_order", 404);
  if (items.length === 0) return fail("dash.refund.errors.nothing_to_refund", 422);
  const confirmation = refundConfirmation(context.sessionSecret, { orderId, refundId, restock, reason, items });

  if (intent === "review-refund") {
    const preview = await scope.run((tx) => previewRefund(tx, orderId, items, refundId));
    if (!preview.ok) return fail(`dash.refund.errors.${preview.reason}`, 422, preview.reason === "too_many" ? preview.available : undefined);
    return data<ActionData>({
      stage: "review", ok: true, orderId, refundId, restock, reason, confirmation,
      amountFen: preview.amountFen, items: preview.items, reversal: preview.reversal,
    });
  }
  if (!sameToken(String(form.get("confirmation") ?? ""), confirmation)) return fail("dash.refund.errors.unconfirmed", 422);
  const result = await refundOrder(context.db, { refundId, orderId, items, restock, reason, actorUserId: user.id });
  if (result.ok) return data<ActionData>({ stage: "done", ok: true, orderId, amountFen: result.amountFen });
  return fail(`dash.refund.errors.${result.reason}`, 422, result.reason === "too_many" ? result.available : undefined);
}

export default function DashboardOrders() {
  const { orders } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, pick, price, date } = useI18n();
  if (orders.length === 0) return <p className="text-soil-800">{t("dash.noOrders")}</p>;
  return (
    <ul className="space-y-4">
      {orders.map((order) => {
        const outcome = result?.orderId === order.id ? result : null;
        const review = outcome?.stage === "review" ? outcome : null;
        // While a refund is being confirmed, its panel replaces the editable refund controls.
        const refundable = ["paid", "fulfilled", "partially_refunded"].includes(order.status) && !review;
        return (
          <li key={order.id} className="rounded-lg bg-white p-4 shadow-sm">
            <div className="flex flex-wrap justify-between gap-2">
              <h2 className="font-semibold">{t("order.title", { id: order.id.slice(0, 8) })}</h2>
              <p className="text-sm">{t(`order.status.${order.status}`)} · {date(order.createdAt)}</p>
            </div>
            <p className="mt-1 text-sm text-soil-800">{t("dash.order.buyer")}: {order.contactName} · {order.contactPhone} · {order.address}</p>
            {outcome && outcome.stage !== "review" ? (
              <p role={outcome.ok ? "status" : "alert"} className={`mt-2 rounded p-2 text-sm ${outcome.ok ? "bg-leaf-50 text-leaf-800" : "bg-chili-700/10 text-chili-700"}`}>
                {outcome.ok ? t("dash.order.refunded", { amount: price(outcome.amountFen) }) : t(outcome.error, { count: outcome.count ?? 0 })}
              </p>
            ) : null}
            <Form method="post" className="mt-3 space-y-3">
              <input type="hidden" name="intent" value="review-refund" />
              <input type="hidden" name="orderId" value={order.id} />
              <input type="hidden" name="refundId" value={order.refundId} />
              <table className="w-full text-sm">
                <tbody>
                  {order.items.map((item) => {
                    const title = item.title;
                    const left = item.quantity - item.refundedQuantity;
                    return (
                      <tr key={item.id} className="border-t border-soil-100">
                        <td className="py-1">
                          {title} × {item.quantity}
                          {item.soldLive ? <span className="ml-1 rounded bg-chili-700 px-1 text-xs text-white">{t("dash.order.live")}</span> : null}
                          {item.refundedQuantity ? <span className="ml-1 text-chili-700">({t("order.refundedQty", { count: item.refundedQuantity })})</span> : null}
                        </td>
                        <td className="py-1 text-right tabular-nums">{price(item.lineTotalFen)}</td>
                        {refundable ? (
                          <td className="w-24 py-1 pl-2">
                            <input type="number" name={`qty-${item.id}`} min={0} max={left} defaultValue={0} disabled={left === 0}
                              aria-label={t("dash.order.refundQty", { title })} className="w-20 rounded border border-soil-700 px-2 py-1" />
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
                        {s.kind === "household" ? s.name : t(`dash.split.${s.kind}`).replace(" %", "")}: <span className="tabular-nums">{price(s.amountFen)}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {refundable ? (
                <div className="flex flex-wrap items-end gap-3">
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="restock" className="h-4 w-4" /> {t("dash.order.restock")}
                  </label>
                  <label className="text-sm">
                    <span className="block">{t("dash.order.reason")}</span>
                    <input name="reason" maxLength={200} className="rounded border border-soil-700 px-2 py-1" />
                  </label>
                  <button type="submit" className="rounded bg-chili-700 px-3 py-1.5 text-sm font-semibold text-white">{t("dash.order.refundSelected")}</button>
                </div>
              ) : null}
            </Form>
            {review ? <RefundConfirmation review={review} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
