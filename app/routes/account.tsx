import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { listBuyerOrders } from "~/models/order.server";

// "My orders": the signed-in consumer's orders (and this browser's guest orders).
export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, (t) => ({ title: t("account.title") })),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { user, visitor } = await scope.auth();
  if (!user) throw redirect("/login?redirectTo=/account");
  const orders = await scope.run((tx) => listBuyerOrders(tx, user.id, visitor?.hash ?? null, resolveLocale(request)));
  return { email: user.email, orders };
}

export default function AccountPage() {
  const { email, orders } = useLoaderData<typeof loader>();
  const { t, price, date } = useI18n();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">{t("account.title")}</h1>
      <p className="mt-1 text-sm text-soil-800">{t("account.signedInAs", { email })}</p>
      {orders.length === 0 ? (
        <p className="mt-6 text-soil-800">{t("account.noOrders")}</p>
      ) : (
        <ul className="mt-4 divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
          {orders.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <Link to={`/orders/${o.id}`} className="font-semibold text-soil-900">
                  {o.firstTitle}
                  {o.itemCount > 1 ? ` +${o.itemCount - 1}` : ""}
                </Link>
                <p className="text-xs text-soil-800">{t("account.placed", { time: date(o.createdAt) })}</p>
              </div>
              <div className="text-right">
                <p className="font-semibold tabular-nums">{price(o.totalFen)}</p>
                <p className="text-xs">{t(`order.status.${o.status}`)}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
