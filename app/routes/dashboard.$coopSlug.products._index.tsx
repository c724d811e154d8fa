import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import { useI18n } from "~/i18n/use-i18n";
import { resolveLocale } from "~/i18n/locale";
import { listCoopProducts } from "~/models/dashboard/products.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  return { coopSlug: coop.slug, products: await scope.run((tx) => listCoopProducts(tx, coop.id, resolveLocale(request))) };
}

export default function DashboardProducts() {
  const { coopSlug, products } = useLoaderData<typeof loader>();
  const { t, price } = useI18n();
  return (
    <div className="space-y-3">
      <p>
        <Link
          to={`/dashboard/${coopSlug}/products/new`}
          className="inline-block rounded bg-leaf-700 px-4 py-2 font-semibold text-white no-underline"
        >
          {t("dash.product.new")}
        </Link>
      </p>
      <ul className="divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
        {products.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <div>
              <Link to={`/dashboard/${coopSlug}/products/${p.id}`} className="font-semibold text-soil-900">
                {p.title}
              </Link>
              <p className="text-xs text-soil-800">
                {t(`dash.product.status.${p.status}`)} · {p.householdName ?? t("dash.product.collective")}
                {p.hasOverride ? ` · ${t("dash.product.override")}` : ""}
              </p>
            </div>
            <p className="text-right text-sm tabular-nums">
              <span className="font-semibold">{price(p.priceFen)}</span>
              <span className="block text-xs text-soil-800">{t("product.inStock", { count: p.stock })}</span>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
