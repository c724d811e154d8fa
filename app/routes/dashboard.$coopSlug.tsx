import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";

// The cooperative dashboard's frame: guard, title and section navigation.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageMeta(matches, (t) => ({ title: data ? t("dash.title", { coop: data.coop.name }) : undefined })),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  return { coop };
}

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded px-3 py-2 text-sm font-medium ${isActive ? "bg-leaf-700 text-white" : "text-soil-900 hover:bg-leaf-50"}`;

export default function DashboardLayout() {
  const { coop } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const base = `/dashboard/${coop.slug}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("dash.title", { coop: coop.name })}</h1>
      <nav aria-label={t("dash.nav")}>
        <ul className="flex flex-wrap gap-1">
          <li>
            <NavLink to={base} end className={linkClass}>
              {t("dash.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/orders`} className={linkClass}>
              {t("dash.orders")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/products`} className={linkClass}>
              {t("dash.products")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/households`} className={linkClass}>
              {t("dash.households")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/splits`} className={linkClass}>
              {t("dash.splits")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/payouts`} className={linkClass}>
              {t("dash.payouts")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/reports`} className={linkClass}>
              {t("dash.reports")}
            </NavLink>
          </li>
          {coop.runsSessions ? (
            <li>
              <NavLink to="/studio" className={linkClass}>
                {t("studio.dashLink")}
              </NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
