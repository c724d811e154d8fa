import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { orderActionSchema } from "~/forms/order-actions";
import { parseForm } from "~/forms/parse-form";
import { useSchemaForm } from "~/forms/use-schema-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requestBuyerOrder } from "~/http/buyer-order.server";
import { invariantResponse } from "~/http/invariant-response";
import { signedOrderClaim, signedOrderPath } from "~/http/order-link.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { cancelBuyerOrder, getBuyerOrder } from "~/models/order.server";
import { getOrderSplit, type OrderSplit, type SplitShare } from "~/models/order-split.server";
import { readForm } from "~/http/read-form.server";
import { fenToYuanString } from "~/domain/money";
import { PaymentNotStartableError } from "~/payments/payment-errors";

// The buyer's order page: reachable with the visitor cookie that placed it, or with the
// signed link (?key=…) from any device. Anyone else gets a 404, not a hint it exists.
export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, (t) => ({ title: t("order.status") })),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orderId = params.orderId ?? "";
  const locale = resolveLocale(request);
  const result = await requestScope(context, request).run(
    async (tx) => {
      const order = await getBuyerOrder(tx, orderId, locale);
      return order ? { order, split: await getOrderSplit(tx, order.id, locale) } : null;
    },
    signedOrderClaim(request, orderId, context.sessionSecret),
  );
  invariantResponse(result, "Order not found");
  const url = new URL(request.url);
  return {
    ...result,
    justPaid: url.searchParams.get("paid") === "1",
    link: signedOrderPath(orderId, context.sessionSecret),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), orderActionSchema);
  // Both forms are one hidden intent and a button: anything else is not from this page.
  if (submission.status !== "success") throw new Response("Unknown intent", { status: 400 });
  const orderId = params.orderId ?? "";
  const signed = signedOrderClaim(request, orderId, context.sessionSecret);
  if (submission.value.intent === "cancel") {
    const cancelled = await requestScope(context, request).run((tx) => cancelBuyerOrder(tx, orderId), signed);
    return data({ cancelled }, { status: cancelled ? 200 : 409 });
  }
  const order = await requestBuyerOrder(context, request, orderId);
  invariantResponse(order, "Order not found");
  if (order.status !== "pending_payment") return data({ cancelled: false }, { status: 409 });
  const payment = await context.payments
    .startPayment({
      orderId: order.id,
      totalFen: order.totalFen,
      currency: "CNY",
      locale: resolveLocale(request),
      origin: new URL(request.url).origin,
      orderPath: signedOrderPath(order.id, context.sessionSecret),
    })
    .catch((error: unknown) => {
      // The order stopped waiting for payment meanwhile (its reservation ended): not payable.
      if (error instanceof PaymentNotStartableError) return null;
      throw error;
    });
  if (!payment) return data({ cancelled: false }, { status: 409 });
  // Keep the signed link's access on our own pay page (the buyer may be on another device);
  // a hosted page (Stripe Checkout) returns to the signed order link by itself.
  const key = new URL(request.url).searchParams.get("key");
  const ownPage = payment.redirectTo.startsWith("/");
  return redirect(signed.order && key && ownPage ? `${payment.redirectTo}?key=${encodeURIComponent(key)}` : payment.redirectTo);
}

/** Pay now / cancel: a form each, disabled while either is being sent (a double click acts once). */
function OrderActionForm({ intent, className, children }: { intent: "pay" | "cancel"; className: string; children: React.ReactNode }) {
  const [form] = useSchemaForm(orderActionSchema, { id: `order-${intent}` });
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" disabled={busy} className={className}>
        {children}
      </button>
    </Form>
  );
}

function ShareLabel({ share }: { share: SplitShare }) {
  const { t, list } = useI18n();
  const name = share.name;
  switch (share.payee) {
    case "household":
      return <>{t("order.split.household", { name })}</>;
    case "collective":
      return <>{t("order.split.collective", { village: name.replace(/ Village$| village$|村$/, "") })}</>;
    case "streamer": {
      const sessions = share.sessions.length ? list(share.sessions) : "";
      if (!name) return <>{t("order.split.streamer")}</>;
      return <>{sessions ? t("order.split.streamerNamedIn", { name, title: sessions }) : t("order.split.streamerNamed", { name })}</>;
    }
    case "platform":
      return <>{t("order.split.platform")}</>;
  }
}

/** Where the money goes, group by group (households, collectives, streamer, platform). */
function SplitSection({ split }: { split: OrderSplit }) {
  const { t, price } = useI18n();
  if (!split.groups.length) return null;
  return (
    <section aria-labelledby="split-title" className="rounded-lg border border-leaf-100 bg-leaf-50 p-4">
      <h2 id="split-title" className="font-semibold text-leaf-900">
        {split.source === "ledger" ? t("order.split.title") : t("order.split.projected")}
      </h2>
      <div className="mt-2 space-y-3">
        {split.groups.map((group) => (
          <div key={group.party} role="group" aria-labelledby={`split-${group.party}`} data-testid={`split-${group.party}`}>
            <h3
              id={`split-${group.party}`}
              className="flex justify-between gap-3 border-b border-leaf-100 pb-1 text-sm font-semibold text-leaf-900"
            >
              <span>{t(`order.split.group.${group.party}`)}</span>
              <span className="tabular-nums">{price(group.subtotalFen)}</span>
            </h3>
            <ul className="mt-1 space-y-1 text-sm">
              {group.shares.map((share, i) => (
                <li key={i}>
                  <span className="font-semibold tabular-nums">{price(share.amountFen)}</span> <ShareLabel share={share} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <p className="mt-3 flex justify-between border-t border-leaf-100 pt-2 text-sm font-bold text-leaf-900">
        <span>{t("order.split.sum")}</span>
        <span className="tabular-nums" data-testid="split-total">
          {price(split.totalFen)}
        </span>
      </p>
    </section>
  );
}

export default function OrderPage() {
  const { order, split, justPaid, link } = useLoaderData<typeof loader>();
  const { t, price, date } = useI18n();
  const pending = order.status === "pending_payment";
  // Bought from a live session (Stripe Checkout opened in a new tab): the way back to the stream.
  const liveSessionId = order.items.find((item) => item.liveSessionId)?.liveSessionId ?? null;
  const refunding = order.autoRefunds.length > 0;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <h1 className="text-2xl font-bold">{t("order.title", { id: order.id.slice(0, 8) })}</h1>
      {justPaid && order.status === "paid" ? (
        <p role="status" className="rounded bg-leaf-50 p-3 text-leaf-800">
          {t("order.thanks")}
        </p>
      ) : null}
      {justPaid && pending && !refunding ? (
        <p role="status" className="rounded bg-leaf-50 p-3 text-leaf-800">
          {t("order.confirming")}
        </p>
      ) : null}
      {order.autoRefunds.map((refund, i) => (
        <div key={i} role="status" data-testid="auto-refund" className="rounded bg-chili-700/10 p-3 text-chili-700">
          <p>
            {t(`order.autoRefund.${refund.reason}`, {
              amount: refund.currency === "CNY" ? price(refund.amountFen) : `${fenToYuanString(refund.amountFen)} ${refund.currency}`,
            })}
          </p>
          <p className="text-sm">{t(`order.autoRefund.${refund.status}`)}</p>
        </div>
      ))}
      {liveSessionId ? (
        <p>
          <Link to={`/live/${liveSessionId}`} className="font-medium text-leaf-800 underline">
            {t("order.backToLive")}
          </Link>
        </p>
      ) : null}
      <p>
        {t("order.status")}: <strong data-testid="order-status">{t(`order.status.${order.status}`)}</strong>
      </p>
      {pending ? (
        <div className="flex flex-wrap items-center gap-3 rounded bg-white p-4 shadow-sm">
          <p className="w-full text-sm">{t("order.payBy", { time: date(order.reservedUntil) })}</p>
          <OrderActionForm intent="pay" className="rounded bg-chili-700 px-4 py-2 font-semibold text-white">
            {t("order.payNow")}
          </OrderActionForm>
          <OrderActionForm intent="cancel" className="rounded border border-soil-700 px-4 py-2">
            {t("order.cancel")}
          </OrderActionForm>
        </div>
      ) : null}

      <section aria-labelledby="items-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="items-title" className="font-semibold">
          {t("order.items")}
        </h2>
        <ul className="mt-2 divide-y divide-soil-100">
          {order.items.map((item) => (
            <li key={item.id} className="flex justify-between gap-3 py-2 text-sm">
              <span>
                {item.slug ? <Link to={`/products/${item.slug}`}>{item.title}</Link> : item.title} × {item.quantity}
                {item.refundedQuantity ? (
                  <span className="ml-2 text-chili-700">({t("order.refundedQty", { count: item.refundedQuantity })})</span>
                ) : null}
              </span>
              <span className="tabular-nums">{price(item.lineTotalFen)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-2 flex justify-between border-t border-soil-100 pt-2 font-bold">
          <span>{t("order.total")}</span>
          <span>{price(order.totalFen)}</span>
        </p>
        {order.refundedFen ? (
          <p className="flex justify-between text-sm text-chili-700">
            <span>{t("order.refunded")}</span>
            <span>−{price(order.refundedFen)}</span>
          </p>
        ) : null}
      </section>

      <SplitSection split={split} />

      <section aria-labelledby="delivery-title" className="rounded-lg bg-white p-4 text-sm shadow-sm">
        <h2 id="delivery-title" className="font-semibold">
          {t("order.delivery")}
        </h2>
        <p className="mt-1">
          {order.contactName} · {order.contactPhone}
        </p>
        <p>
          {order.province} {order.city} {order.district} {order.addressLine}
        </p>
      </section>

      <p className="text-sm text-soil-800">
        {t("order.keepLink")}{" "}
        <a href={link} className="break-all font-medium text-leaf-800 underline">
          {t("order.link")}
        </a>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
