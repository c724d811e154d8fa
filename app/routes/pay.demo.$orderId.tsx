import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { payFormSchema } from "~/forms/demo-pay";
import { parseForm } from "~/forms/parse-form";
import { useSchemaForm } from "~/forms/use-schema-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { invariantResponse } from "~/http/invariant-response";
import { requestBuyerOrder } from "~/http/buyer-order.server";
import { signedOrderPath } from "~/http/order-link.server";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { expireUnpaidOrders } from "~/jobs/expire-unpaid-orders.server";
import { recordPaymentSucceeded } from "~/models/payment.server";
import { readForm } from "~/http/read-form.server";

// The demo payment provider's page. "Pay" runs recordPaymentSucceeded — the very path
// the Stripe webhook runs — with an event id per attempt, so a double submit pays once.
export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("pay.title") }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orderId = params.orderId ?? "";
  const order = await requestBuyerOrder(context, request, orderId);
  invariantResponse(order, "Order not found");
  if (order.status !== "pending_payment") throw redirect(`/orders/${order.id}`);
  return { order: { id: order.id, totalFen: order.totalFen, reservedUntil: order.reservedUntil }, attemptId: randomUUID() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  // From a fetcher (the live page's cart sheet): the outcome as data, not a redirect.
  const enhanced = form.get("enhanced") === "1";
  const submission = parseForm(form, payFormSchema);
  // Hidden fields and two buttons: a form that does not parse is not from this page.
  if (submission.status !== "success") throw new Response("Invalid payment form", { status: 400 });
  const { intent, attemptId } = submission.value;
  const orderId = params.orderId ?? "";
  const order = await requestBuyerOrder(context, request, orderId);
  invariantResponse(order, "Order not found");
  const orderUrl = signedOrderPath(order.id, context.sessionSecret);

  if (order.status !== "pending_payment") return data({ declined: false, notPayable: true }, { status: 409 });
  if (intent === "decline") return data({ declined: true, notPayable: false }, { status: 402 });
  if (order.status === "pending_payment" && new Date(order.reservedUntil) <= new Date()) {
    await expireUnpaidOrders(context.db);
    return data({ declined: false, notPayable: true }, { status: 409 });
  }
  const outcome = await recordPaymentSucceeded(context.db, {
    provider: "demo",
    eventId: `demo_${attemptId}`,
    type: "payment.succeeded",
    orderId: order.id,
    amountFen: order.totalFen,
    currency: "CNY",
    reference: `demo_${attemptId}`,
    payload: { attemptId: attemptId },
  });
  if (outcome === "order_not_payable") return data({ declined: false, notPayable: true }, { status: 409 });
  if (enhanced) return data({ declined: false, notPayable: false, paid: true, orderUrl });
  return redirect(`${orderUrl}&paid=1`);
}

export default function DemoPayPage() {
  const { order, attemptId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, price, date } = useI18n();
  const [form] = useSchemaForm(payFormSchema, { id: "demo-pay" });
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="pay-title" className="mx-auto max-w-md rounded-lg bg-white p-6 shadow-sm">
      <h1 id="pay-title" className="text-2xl font-bold">
        {t("pay.title")}
      </h1>
      <p className="mt-2 text-sm text-soil-800">{t("pay.explain")}</p>
      <p className="mt-4 text-sm">{t("pay.order", { id: order.id.slice(0, 8) })}</p>
      <p className="mt-1">
        {t("pay.amount")}: <span className="text-2xl font-bold text-chili-700">{price(order.totalFen)}</span>
      </p>
      <p className="mt-1 text-sm text-soil-800">{t("pay.expiresAt", { time: date(order.reservedUntil) })}</p>
      {result?.declined ? (
        <p role="alert" className="mt-3 text-chili-700">
          {t("pay.declined")}
        </p>
      ) : null}
      {result?.notPayable ? (
        <p role="alert" className="mt-3 text-chili-700">
          {t("pay.notPayable")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-5 flex gap-3">
        <input type="hidden" name="attemptId" value={attemptId} />
        <button
          type="submit"
          name="intent"
          value="pay"
          disabled={busy}
          className="flex-1 rounded bg-leaf-700 px-4 py-3 font-semibold text-white hover:bg-leaf-800"
        >
          {t("pay.pay", { amount: price(order.totalFen) })}
        </button>
        <button type="submit" name="intent" value="decline" disabled={busy} className="rounded border border-soil-700 px-4 py-3">
          {t("pay.decline")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
