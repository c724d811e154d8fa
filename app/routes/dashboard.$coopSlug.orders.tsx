import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { refundConfirmation } from "~/http/refund-confirmation.server";
import { sameToken } from "~/http/signed-token.server";
import { RefundConfirmation, type RefundReview } from "~/components/dashboard/refund-confirmation";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RefundReviewForm, type CoopOrder } from "~/components/dashboard/refund-review-form";
import { isUuid } from "~/domain/uuid";
import { fieldErrorKey, GENERIC_FIELD_ERROR } from "~/forms/field-errors";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { refundFormSchema, refundQuantityField } from "~/forms/refund";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import type { MessageKey } from "~/i18n/translate";
import { useI18n } from "~/i18n/use-i18n";
import { resolveLocale } from "~/i18n/locale";
import { coopItemIds, listCoopOrders } from "~/models/dashboard/orders.server";
import { previewRefund, refundOrder } from "~/models/refund.server";
import { settleOrderStripeRefunds } from "~/models/stripe-refunds.server";
import { readForm } from "~/http/read-form.server";

// A cooperative's orders with the split of its items, and refunds of those items.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const orders = await scope.run((tx) => listCoopOrders(tx, coop.id, resolveLocale(request)));
  // One refund id per page view: a double submit of the same form refunds once.
  return { orders: orders.map((o) => ({ ...o, refundId: randomUUID() })) };
}

type ActionData =
  | ({ stage: "review"; ok: true } & RefundReview)
  | { stage: "done"; ok: true; orderId: string; amountFen: number; stripe: "none" | "refunded" | "pending" }
  | { stage: "error"; ok: false; orderId: string; error: MessageKey; count?: number; result?: FormReply };

// Two steps, both plain forms: "review-refund" only shows what would happen; "refund"
// moves money, and only with the confirmation the review step issued for exactly that refund.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const form = await readForm(request);
  const submission = parseForm(form, refundFormSchema);
  if (submission.status !== "success") {
    // An unknown intent, or hidden ids that are not ids: a forged form. A bad reason: say so on the field.
    const { orderId } = submission.payload;
    const reason = submission.error?.reason;
    if (submission.error?.intent || !reason || typeof orderId !== "string" || !isUuid(orderId)) {
      throw new Response("Invalid refund form", { status: 400 });
    }
    const error = fieldErrorKey(reason) ?? GENERIC_FIELD_ERROR;
    return data<ActionData>({ stage: "error", ok: false, orderId, error, result: replyTo(submission) }, { status: 422 });
  }
  const { intent, orderId, refundId, restock, reason, confirmation: confirmed } = submission.value;
  // Only this cooperative's items, as RLS shows them to this admin, can be refunded here.
  const allowed = await scope.run((tx) => coopItemIds(tx, coop.id, orderId));
  const items = [...allowed]
    .map((orderItemId) => ({ orderItemId, quantity: Number(form.get(refundQuantityField(orderItemId)) ?? 0) }))
    .filter((i) => Number.isInteger(i.quantity) && i.quantity > 0);
  const fail = (error: MessageKey, status: number, count?: number) =>
    data<ActionData>({ stage: "error", ok: false, orderId, error, count }, { status });
  if (allowed.size === 0) return fail("dash.refund.errors.unknown_order", 404);
  if (items.length === 0) return fail("dash.refund.errors.nothing_to_refund", 422);
  const confirmation = refundConfirmation(context.sessionSecret, { orderId, refundId, restock, reason, items });

  if (intent === "review-refund") {
    const preview = await scope.run((tx) => previewRefund(tx, orderId, items, refundId, resolveLocale(request)));
    if (!preview.ok)
      return fail(`dash.refund.errors.${preview.reason}`, 422, preview.reason === "too_many" ? preview.available : undefined);
    return data<ActionData>({
      stage: "review",
      ok: true,
      orderId,
      refundId,
      restock,
      reason,
      confirmation,
      amountFen: preview.amountFen,
      items: preview.items,
      reversal: preview.reversal,
    });
  }
  if (!sameToken(confirmed, confirmation)) return fail("dash.refund.errors.unconfirmed", 422);
  const result = await scope.run((tx) => refundOrder(tx, { refundId, orderId, items, restock, reason }));
  if (result.ok) {
    // Paid through Stripe: the money goes back to the buyer and the payees' transfers are
    // reversed by their shares now; what Stripe does not accept yet is retried (ADR 0027).
    const settled = context.stripe ? await settleOrderStripeRefunds(context.db, context.stripe, orderId) : null;
    const stripe = !settled ? "none" : settled.refundsPending > 0 ? "pending" : "refunded";
    return data<ActionData>({ stage: "done", ok: true, orderId, amountFen: result.amountFen, stripe });
  }
  return fail(`dash.refund.errors.${result.reason}`, 422, result.reason === "too_many" ? result.available : undefined);
}

export default function DashboardOrders() {
  const { orders } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  if (orders.length === 0) return <p className="text-soil-800">{t("dash.noOrders")}</p>;
  return (
    <ul className="space-y-4">
      {orders.map((order) => {
        const outcome = result?.orderId === order.id ? result : null;
        return <OrderRefunds key={order.id} order={order} outcome={outcome} />;
      })}
    </ul>
  );
}

function OrderRefunds({ order, outcome }: { order: CoopOrder; outcome: ActionData | null }) {
  const { t, price, date } = useI18n();
  const review = outcome?.stage === "review" ? outcome : null;
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm">
      <div className="flex flex-wrap justify-between gap-2">
        <h2 className="font-semibold">{t("order.title", { id: order.id.slice(0, 8) })}</h2>
        <p className="text-sm">
          {t(`order.status.${order.status}`)} · {date(order.createdAt)}
        </p>
      </div>
      <p className="mt-1 text-sm text-soil-800">
        {t("dash.order.buyer")}: {order.contactName} · {order.contactPhone} · {order.address}
      </p>
      {outcome && outcome.stage !== "review" ? (
        <p
          role={outcome.ok ? "status" : "alert"}
          className={`mt-2 rounded p-2 text-sm ${outcome.ok ? "bg-leaf-50 text-leaf-800" : "bg-chili-700/10 text-chili-700"}`}
        >
          {outcome.ok
            ? t(outcome.stripe === "pending" ? "dash.order.refundedStripePending" : "dash.order.refunded", {
                amount: price(outcome.amountFen),
              })
            : t(outcome.error, { count: outcome.count ?? 0 })}
        </p>
      ) : null}
      {/* While a refund is being confirmed, its panel replaces the editable refund controls. */}
      <RefundReviewForm order={order} reviewing={review !== null} lastResult={outcome?.stage === "error" ? outcome.result : undefined} />
      {review ? <RefundConfirmation review={review} /> : null}
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
