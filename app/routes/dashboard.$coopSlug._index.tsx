import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import { useI18n } from "~/i18n/use-i18n";
import type { MessageKey } from "~/i18n/translate";
import { getCoopOverview } from "~/models/dashboard/overview.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  return { overview: await scope.run((tx) => getCoopOverview(tx, coop.id)) };
}

export default function DashboardOverview() {
  const { overview } = useLoaderData<typeof loader>();
  const { t, price } = useI18n();
  const stats: [MessageKey, string][] = [
    ["dash.stats.products", String(overview.productsOnSale)],
    ["dash.stats.households", String(overview.activeHouseholds)],
    ["dash.stats.paidOrders", String(overview.paidOrders)],
    ["dash.stats.gross", price(overview.grossFen)],
    ["dash.stats.householdIncome", price(overview.householdIncomeFen)],
    ["dash.stats.collectiveIncome", price(overview.collectiveIncomeFen)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
      {stats.map(([key, value]) => (
        <div key={key} className="rounded-lg bg-white p-4 shadow-sm">
          <dt className="text-sm text-soil-800">{t(key)}</dt>
          <dd className="mt-1 text-xl font-bold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
