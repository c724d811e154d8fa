import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { CartLineForms } from "~/components/cart-line-forms";
import { cartErrorMessage } from "~/components/cart-error-message";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isCheckoutOrPayment } from "~/domain/live-page-revalidation";
import { unitKey } from "~/components/unit-label";
import { cartActionSchema } from "~/forms/cart";
import { echoable } from "~/forms/form-object";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { addToCart, getCart, removeFromCart, setCartQuantity, type CartChange } from "~/models/cart.server";
import { readForm } from "~/http/read-form.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("cart.title") }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  // One statement: one round trip, not a transaction's three (the live cart sheet reads it too).
  return { cart: await requestScope(context, request).runOne((q) => getCart(q, locale)) };
}

// The live page's cart sheet loads this route by a fetcher. Once an order is placed or paid
// the sheet shows the payment, not the cart, and reloads the cart when it shows it again:
// a reload after every checkout would be one more request per buyer in a flash sale's rush.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction && isCheckoutOrPayment(formAction) ? false : defaultShouldRevalidate;

export type CartActionData =
  | { ok: true; productId: string }
  | { ok: false; productId?: string; error: "invalid"; result: FormReply }
  | { ok: false; productId: string; error: "sold_out" | "unavailable" }
  | { ok: false; productId: string; error: "not_enough_stock" | "over_limit" | "too_many"; count: number };

function toActionData(productId: string, change: CartChange): CartActionData {
  if (change.ok) return { ok: true, productId };
  switch (change.error) {
    case "not_enough_stock":
      return { ok: false, productId, error: change.error, count: change.available };
    case "over_limit":
      return { ok: false, productId, error: change.error, count: change.limit };
    case "too_many":
      return { ok: false, productId, error: change.error, count: change.max };
    default:
      return { ok: false, productId, error: change.error };
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const enhanced = form.get("enhanced") === "1";
  const submission = parseForm(form, cartActionSchema);
  if (submission.status !== "success") {
    // Which line's form it came from (only compared with the cart's own ids).
    const productId = typeof submission.payload.productId === "string" ? echoable(submission.payload.productId) : undefined;
    return data<CartActionData>({ ok: false, productId, error: "invalid", result: replyTo(submission) }, { status: 400 });
  }
  const input = submission.value;
  const scope = requestScope(context, request);
  const visitor = await scope.ensureVisitor();
  const change = await scope.run(async (tx) => {
    switch (input.intent) {
      case "add":
        return addToCart(tx, visitor.hash, input);
      case "update":
        return setCartQuantity(tx, input);
      case "remove":
        await removeFromCart(tx, input.productId);
        return { ok: true, quantity: 0 } as const;
    }
  });
  const headers = await scope.responseHeaders();
  const result = toActionData(input.productId, change);
  if (!result.ok) return data(result, { status: 422, headers });
  // Without JavaScript the browser posted a whole page: send it back where it came from.
  if (input.intent === "add" && !enhanced) {
    // One flash per add: replace an earlier ?added= rather than appending a second one.
    const back = new URL(input.returnTo ?? "/cart", "http://local");
    back.searchParams.set("added", input.productId);
    return redirect(`${back.pathname}${back.search}`, { headers });
  }
  if (!enhanced) return redirect("/cart", { headers });
  return data(result, { headers });
}

export default function CartPage() {
  const { cart } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, price } = useI18n();
  if (cart.lines.length === 0) {
    return (
      <div className="mx-auto max-w-2xl py-8 text-center">
        <h1 className="text-2xl font-bold">{t("cart.title")}</h1>
        <p className="mt-3 text-soil-800">{t("cart.empty")}</p>
        <Link to="/products" className="mt-4 inline-block font-medium text-leaf-800">
          {t("cart.keepShopping")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">{t("cart.title")}</h1>
      {actionData && !actionData.ok ? (
        <p role="alert" className="mt-3 rounded bg-chili-700/10 p-3 text-chili-700">
          {cartErrorMessage(t, actionData)}
        </p>
      ) : null}
      <ul className="mt-4 divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
        {cart.lines.map((line) => {
          const title = line.title;
          return (
            <li key={line.productId} className="flex gap-3 p-3">
              {line.image ? (
                <img
                  src={line.image.src}
                  alt=""
                  width={96}
                  height={72}
                  loading="lazy"
                  decoding="async"
                  className="aspect-[4/3] h-auto w-24 shrink-0 self-start rounded bg-soil-100 object-cover"
                />
              ) : null}
              <div className="min-w-0 flex-1 space-y-1">
                <p className="font-semibold">
                  {line.slug ? (
                    <Link to={`/products/${line.slug}`} className="text-soil-900">
                      {title}
                    </Link>
                  ) : (
                    title
                  )}
                </p>
                <p className="text-sm text-soil-800">
                  {line.flashSaleId ? (
                    <>
                      <span className="mr-1 rounded bg-chili-700 px-1.5 py-0.5 text-xs font-bold text-white">{t("cart.flashPrice")}</span>
                      <span className="font-semibold text-chili-700">{price(line.priceFen)}</span>{" "}
                      <s className="text-xs">{price(line.regularPriceFen)}</s>
                    </>
                  ) : (
                    price(line.priceFen)
                  )}{" "}
                  / {t(unitKey(line.unit))} · {line.coopName}
                </p>
                {line.liveSessionId ? <p className="text-xs text-leaf-800">{t("cart.fromLive")}</p> : null}
                {!line.available ? (
                  <p className="text-sm font-medium text-chili-700">{t(line.flashSoldOut ? "cart.flashSoldOut" : "cart.unavailable")}</p>
                ) : null}
                {line.available && line.stock <= 10 ? (
                  <p className="text-xs text-soil-800">{t("cart.left", { count: line.stock })}</p>
                ) : null}
                <CartLineForms
                  productId={line.productId}
                  title={title}
                  quantity={line.quantity}
                  lastResult={
                    actionData && !actionData.ok && actionData.error === "invalid" && actionData.productId === line.productId
                      ? actionData.result
                      : undefined
                  }
                />
              </div>
              <p className="shrink-0 font-semibold tabular-nums">{price(line.lineTotalFen)}</p>
            </li>
          );
        })}
      </ul>
      <div className="mt-4 flex items-center justify-between rounded-lg bg-white p-4 shadow-sm">
        <p>
          {t("cart.subtotal")}: <span className="text-lg font-bold text-chili-700">{price(cart.subtotalFen)}</span>
        </p>
        {cart.lines.every((l) => l.available) ? (
          <Link to="/checkout" className="rounded bg-leaf-700 px-5 py-2 font-semibold text-white no-underline hover:bg-leaf-800">
            {t("cart.checkout")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
