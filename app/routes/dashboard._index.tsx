import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PlatformIncomeTable } from "~/components/dashboard/platform-income-table";
import { ReportRangeForm } from "~/components/dashboard/report-range-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readHouseholdsRange, replyTo, reportRangeConstraint } from "~/forms/report-range.server";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { listAdministeredCoops } from "~/models/dashboard/coop-overview.server";
import { listPlatformIncome } from "~/models/dashboard/platform-income.server";
import { getViewer } from "~/models/user.server";
import { resolveLocale } from "~/i18n/locale";

// /dashboard: the platform admin's list of every cooperative; a cooperative admin's list
// of theirs; a host's way to the studio. Anyone else: 404, like every dashboard page.
// The platform admin also gets every cooperative's e-commerce income over a range (?from&to,
// the reports' range without grouping), one statement for all, and its CSV
// (dashboard.income[.]csv.ts); a refused range is a 400 with the form's field errors.
export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, (t) => ({ title: t("dashIndex.title") })),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const user = await scope.user();
  if (!user) throw redirect("/login?redirectTo=/dashboard");
  const locale = resolveLocale(request);
  // the range is parsed first so that the platform admin's figures share the page's one transaction
  const submission = readHouseholdsRange(new URL(request.url).searchParams);
  const range = submission.status === "success" ? { from: submission.value.from, to: submission.value.to } : null;
  const { viewer, coops, income } = await scope.run(async (tx) => {
    const viewer = await getViewer(tx, user.id, locale);
    const coops = viewer?.dashboardPath ? await listAdministeredCoops(tx, locale) : [];
    return { viewer, coops, income: viewer?.isPlatformAdmin && range ? await listPlatformIncome(tx, range, locale) : null };
  });
  invariantResponse(viewer && (viewer.dashboardPath || viewer.isHost), "Not found");
  const page = { isPlatformAdmin: viewer.isPlatformAdmin, isAdmin: !!viewer.dashboardPath, isHost: viewer.isHost, coops };
  if (!viewer.isPlatformAdmin) return { ...page, overview: null };
  const constraint = reportRangeConstraint;
  if (!range || !income) {
    return data({ ...page, overview: { range: null, income: null, result: replyTo(submission), constraint } }, { status: 400 });
  }
  return { ...page, overview: { range, income, result: null, constraint } };
}

export default function DashboardIndex() {
  const { isPlatformAdmin, isAdmin, isHost, coops, overview } = useLoaderData<typeof loader>();
  const { t, price } = useI18n();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("dashIndex.title")}</h1>
        {isAdmin ? <p className="mt-1 text-soil-800">{t(isPlatformAdmin ? "dashIndex.introPlatform" : "dashIndex.introAdmin")}</p> : null}
      </header>
      {overview ? <PlatformOverview {...overview} /> : null}
      {isAdmin ? (
        coops.length === 0 ? (
          <p className="text-soil-800">{t("dashIndex.noCoops")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("dashIndex.coops")}>
            {coops.map((c) => (
              <li key={c.slug} className="rounded-lg bg-white p-4 shadow-sm">
                <h2 className="font-semibold leading-snug">
                  <Link to={`/dashboard/${c.slug}`} className="text-soil-900 hover:underline">
                    {c.name}
                  </Link>
                  {c.status === "suspended" ? (
                    <span className="ml-2 rounded bg-soil-100 px-1.5 py-0.5 text-xs font-medium text-soil-900">
                      {t("dashIndex.suspended")}
                    </span>
                  ) : null}
                </h2>
                <p className="mt-1 text-sm text-soil-800">
                  {t("dashIndex.place", { village: c.village, county: c.county, province: c.province })}
                </p>
                <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
                  <div>
                    <dt className="text-soil-800">{t("dashIndex.products")}</dt>
                    <dd className="font-bold tabular-nums">{c.productsOnSale}</dd>
                  </div>
                  <div>
                    <dt className="text-soil-800">{t("dashIndex.orders")}</dt>
                    <dd className="font-bold tabular-nums">{c.paidOrders}</dd>
                  </div>
                  <div>
                    <dt className="text-soil-800">{t("dashIndex.monthSales")}</dt>
                    <dd className="font-bold tabular-nums">{price(c.monthSalesFen)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {isHost ? (
        <section aria-labelledby="studio-link-title" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="studio-link-title" className="font-semibold">
            {t("dashIndex.hostTitle")}
          </h2>
          <p className="mt-1 text-sm text-soil-800">{t("dashIndex.hostBody")}</p>
          <p className="mt-3">
            <Link
              to="/studio"
              className="inline-block rounded bg-leaf-700 px-4 py-2 text-sm font-semibold text-white no-underline hover:bg-leaf-800"
            >
              {t("dashIndex.openStudio")}
            </Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

type Overview = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["overview"]>;

function PlatformOverview({ range, income, result, constraint }: Overview) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="platform-income-title" className="space-y-3">
      <div>
        <h2 id="platform-income-title" className="text-xl font-semibold">
          {t("platformIncome.title")}
        </h2>
        <p className="mt-1 text-sm text-soil-800">{t("platformIncome.intro")}</p>
      </div>
      <ReportRangeForm range={range} result={result} constraint={constraint} grouped={false} />
      {range && income ? (
        <>
          <p className="text-sm">
            <a
              href={`/dashboard/income.csv?${new URLSearchParams(range)}`}
              download
              className="inline-block rounded border border-leaf-700 px-3 py-2 font-medium text-leaf-800 hover:bg-leaf-50"
            >
              {t("platformIncome.csv")}
            </a>
          </p>
          <PlatformIncomeTable income={income} range={range} />
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
