import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CHECKOUT_FIELD_LABELS, CheckoutFields } from "~/components/checkout-fields";
import { CHECKOUT_FIELDS, checkoutSchema } from "~/forms/checkout";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { useSchemaForm } from "~/forms/use-schema-form";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getCart } from "~/models/cart.server";
import { getProductTitles } from "~/models/product.server";
import { CheckoutRefusedError, placeOrder, type CheckoutRefusal } from "~/models/order.server";
import { readForm } from "~/http/read-form.server";
import { signedOrderPath } from "~/http/order-link.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("checkout.title") }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const auth = await scope.auth();
  // One statement: one round trip, not a transaction's three.
  const cart = auth.visitor || auth.user ? await scope.runOne((q) => getCart(q, resolveLocale(request))) : null;
  if (!cart || cart.lines.length === 0) throw redirect("/cart");
  return { cart, reservationMinutes: context.env.ORDER_RESERVATION_MINUTES };
}

export type CheckoutActionData =
  | { kind: "invalid"; result: FormReply }
  | { kind: "refused"; refusal: CheckoutRefusal; titles: string[]; result: FormReply }
  // To a fetcher (the live page's cart sheet, enhanced=1): where to pay, instead of going there.
  | { kind: "placed"; orderId: string; totalFen: number; payUrl: string };
type ActionData = CheckoutActionData;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const enhanced = form.get("enhanced") === "1";
  if (form.get("intent") !== "place-order") throw new Response("Unknown intent", { status: 400 });
  const submission = parseForm(form, checkoutSchema);
  if (submission.status !== "success") return data<ActionData>({ kind: "invalid", result: replyTo(submission) }, { status: 422 });

  const scope = requestScope(context, request);
  const auth = await scope.auth();
  if (!auth.visitor && !auth.user) return redirect("/cart");
  const locale = resolveLocale(request);
  try {
    const order = await placeOrder(await scope.acting(), {
      ...submission.value,
      locale,
      reservationMinutes: context.env.ORDER_RESERVATION_MINUTES,
    });
    const payment = await context.payments.startPayment({
      orderId: order.id,
      totalFen: order.totalFen,
      currency: "CNY",
      locale,
      origin: new URL(request.url).origin,
      orderPath: signedOrderPath(order.id, context.sessionSecret),
    });
    if (enhanced) return data<ActionData>({ kind: "placed", orderId: order.id, totalFen: order.totalFen, payUrl: payment.redirectTo });
    return redirect(payment.redirectTo);
  } catch (error) {
    if (!(error instanceof CheckoutRefusedError)) throw error;
    const ids = "productIds" in error.refusal ? error.refusal.productIds : [];
    // One statement, one round trip: on a sold-out flash hundreds of these answer at once.
    const titles = ids.length ? await scope.runOne((q) => getProductTitles(q, ids, locale)) : [];
    const status = error.refusal.reason === "sold_out" ? 409 : 422;
    return data<ActionData>({ kind: "refused", refusal: error.refusal, titles, result: replyTo(submission) }, { status });
  }
}

export default function CheckoutPage() {
  const { cart, reservationMinutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, list, price } = useI18n();
  const [form, fields] = useSchemaForm(checkoutSchema, {
    id: "checkout",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
  });
  const invalid = CHECKOUT_FIELDS.filter((f) => fields[f].errors?.length);
  const refusal = actionData?.kind === "refused" ? actionData : null;
  const summary = useRef<HTMLDivElement>(null);
  // Failed submissions the browser caught itself (the schema runs there too).
  const [refusedInBrowser, setRefusedInBrowser] = useState(0);
  const formProps = getFormProps(form);
  useEffect(() => {
    // a new actionData object per submission: refocus even when the same error repeats
    if (actionData || refusedInBrowser) summary.current?.focus();
  }, [actionData, refusedInBrowser]);
  return (
    <div className="mx-auto grid max-w-4xl gap-6 md:grid-cols-5">
      <section aria-labelledby="contact-title" className="md:col-span-3">
        <h1 className="text-2xl font-bold">{t("checkout.title")}</h1>
        {refusal || invalid.length ? (
          // The error summary: focused after every failed submission, so keyboard and
          // screen-reader users land on what went wrong instead of the submit button.
          <div
            ref={summary}
            role="alert"
            tabIndex={-1}
            data-testid="checkout-error-summary"
            className="mt-3 rounded bg-chili-700/10 p-3 text-chili-700 outline-none focus-visible:ring-2 focus-visible:ring-chili-700"
          >
            {refusal ? (
              <p>
                {t(`checkout.refused.${refusal.refusal.reason}`, {
                  items: list(refusal.titles),
                  count: refusal.refusal.reason === "over_limit" ? refusal.refusal.remaining : 0,
                })}{" "}
                <Link to="/cart" className="font-medium underline">
                  {t("cart.title")}
                </Link>
              </p>
            ) : (
              <>
                <p>{t("checkout.fixErrors")}</p>
                <ul className="mt-1 list-disc pl-5 text-sm">
                  {invalid.map((f) => (
                    <li key={f}>
                      <a href={`#${fields[f].id}`} className="underline">
                        {t(CHECKOUT_FIELD_LABELS[f])}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : null}
        <h2 id="contact-title" className="mt-4 text-lg font-semibold">
          {t("checkout.contact")}
        </h2>
        <Form
          method="post"
          {...formProps}
          className="mt-2 space-y-3"
          onSubmit={(event) => {
            formProps.onSubmit(event);
            if (event.defaultPrevented) setRefusedInBrowser((n) => n + 1);
          }}
        >
          <input type="hidden" name="intent" value="place-order" />
          <CheckoutFields fields={fields} />
          <p className="text-sm text-soil-800">{t("checkout.reservation", { minutes: reservationMinutes })}</p>
          <button
            type="submit"
            disabled={navigation.state === "submitting"}
            className="w-full rounded bg-chili-700 px-5 py-3 text-lg font-semibold text-white hover:bg-chili-600 disabled:opacity-70"
          >
            {t("checkout.placeOrder")}
          </button>
        </Form>
      </section>
      <aside aria-labelledby="summary-title" className="md:col-span-2">
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="summary-title" className="font-semibold">
            {t("checkout.summary")}
          </h2>
          <ul className="mt-2 space-y-2 text-sm">
            {cart.lines.map((l) => (
              <li key={l.productId} className="flex justify-between gap-2">
                <span>
                  {l.title} × {l.quantity}
                </span>
                <span className="tabular-nums">{price(l.lineTotalFen)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-soil-800">{t("checkout.shippingFree")}</p>
          <p className="mt-2 flex justify-between border-t border-soil-100 pt-2 font-bold">
            <span>{t("checkout.total")}</span>
            <span className="text-chili-700">{price(cart.subtotalFen)}</span>
          </p>
        </div>
      </aside>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
