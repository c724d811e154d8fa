import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DisclosureSwitch } from "~/components/dashboard/disclosure-switch";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HouseholdIncomeTable, ProductIncomeTable, SessionIncomeTable } from "~/components/dashboard/income-breakdown-tables";
import { PeriodTable, TotalsTable } from "~/components/dashboard/income-tables";
import { BarChart, LineChart } from "~/components/dashboard/report-charts";
import { ReportRangeForm } from "~/components/dashboard/report-range-form";
import { disclosureFormSchema } from "~/forms/disclosure";
import { parseForm } from "~/forms/parse-form";
import { readReportRange, replyTo, reportRangeConstraint } from "~/forms/report-range.server";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { readForm } from "~/http/read-form.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { useI18n } from "~/i18n/use-i18n";
import {
  listHouseholdIncome,
  listProductIncome,
  listSessionIncome,
  ordersPer100ViewersTenths,
} from "~/models/dashboard/income-breakdowns.server";
import { getIncomeTotals, listIncomePeriods } from "~/models/dashboard/income-report.server";
import { setDisclosure } from "~/models/disclosure.server";

// /dashboard/:coopSlug/reports?from&to&group: the cooperative's e-commerce income from the
// ledger, per day, month or year, against the previous period, with breakdowns by
// household, product and live session. Read as the admin (RLS), one statement per figure
// group. A refused query is a 400 with the form's field errors, never a 500.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const submission = readReportRange(new URL(request.url).searchParams);
  const constraint = reportRangeConstraint;
  const disclosure = coop.disclosureEnabled;
  if (submission.status !== "success") {
    return data({ slug: coop.slug, range: null, report: null, result: replyTo(submission), constraint, disclosure }, { status: 400 });
  }
  const range = submission.value;
  const locale = resolveLocale(request);
  const report = await scope.run(async (tx) => ({
    periods: await listIncomePeriods(tx, coop.id, range, range.group),
    totals: await getIncomeTotals(tx, coop.id, range),
    households: await listHouseholdIncome(tx, coop.id, range, locale),
    products: await listProductIncome(tx, coop.id, range, locale),
    sessions: (await listSessionIncome(tx, coop.id, range, locale)).map((s) => ({
      ...s,
      ordersPer100Tenths: ordersPer100ViewersTenths(s.orders, s.peakViewers),
    })),
  }));
  return { slug: coop.slug, range, report, result: null, constraint, disclosure };
}

// One action: the public disclosure's switch (intent=disclosure). The database checks the
// caller administers the cooperative; back to the same report after (post/redirect/get).
export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const submission = parseForm(await readForm(request), disclosureFormSchema);
  if (submission.status !== "success") throw new Response("Invalid form", { status: 400 });
  const { enabled } = submission.value;
  await scope.run((tx) => setDisclosure(tx, coop.id, enabled === "on"));
  const url = new URL(request.url);
  url.searchParams.delete("index"); // Remix's marker of an index route's action, not the report's
  const query = url.searchParams.toString();
  return redirect(query ? `${url.pathname}?${query}` : url.pathname, { headers: await scope.responseHeaders() });
}

export default function ReportsPage() {
  const { slug, range, report, result, constraint, disclosure } = useLoaderData<typeof loader>();
  const { t, price, count } = useI18n();
  const base = `/dashboard/${slug}/reports`;
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold">{t("dash.reports.title")}</h2>
        <p className="mt-1 text-sm text-soil-800">{t("dash.reports.intro")}</p>
      </div>
      <ReportRangeForm range={range} result={result} constraint={constraint} />
      {range && report ? (
        <>
          <nav aria-label={t("dash.reports.downloads")} className="flex flex-wrap gap-2 text-sm">
            <a
              href={`${base}/income.csv?${new URLSearchParams(range)}`}
              download
              className="rounded border border-leaf-700 px-3 py-2 font-medium text-leaf-800 hover:bg-leaf-50"
            >
              {t("dash.reports.incomeCsv", { group: t(`dash.reports.groupNoun.${range.group}`) })}
            </a>
            <a
              href={`${base}/households.csv?${new URLSearchParams({ from: range.from, to: range.to })}`}
              download
              className="rounded border border-leaf-700 px-3 py-2 font-medium text-leaf-800 hover:bg-leaf-50"
            >
              {t("dash.reports.householdsCsv")}
            </a>
          </nav>
          <TotalsTable totals={report.totals} />
          <ReportCharts periods={report.periods} group={range.group} price={price} count={count} />
          <PeriodTable id="report-periods" periods={report.periods} group={range.group} />
          <HouseholdIncomeTable households={report.households} />
          <ProductIncomeTable products={report.products} />
          <SessionIncomeTable sessions={report.sessions} />
        </>
      ) : null}
      <DisclosureSwitch slug={slug} enabled={disclosure} />
    </div>
  );
}

type LoadedReport = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["report"]>;

function ReportCharts(props: {
  periods: LoadedReport["periods"];
  group: "day" | "month" | "year";
  price: (fen: number) => string;
  count: (n: number) => string;
}) {
  const { t } = useI18n();
  const groupNoun = t(`dash.reports.groupNoun.${props.group}`);
  // a day's label without its year, so six fit across a phone
  const label = (p: { label: string }) => (props.group === "day" ? p.label.slice(5) : p.label);
  const describe = (max: string) => t("dash.reports.chartSeeTable", { group: groupNoun, count: props.periods.length, max });
  const net = props.periods.map((p) => ({ label: label(p), value: p.netFen }));
  const orders = props.periods.map((p) => ({ label: label(p), value: p.orders }));
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <BarChart
        id="chart-net"
        title={t("dash.reports.chartNet", { group: groupNoun })}
        description={describe(props.price(Math.max(0, ...net.map((p) => p.value))))}
        points={net}
        format={props.price}
      />
      <LineChart
        id="chart-orders"
        title={t("dash.reports.chartOrders", { group: groupNoun })}
        description={describe(props.count(Math.max(0, ...orders.map((p) => p.value))))}
        points={orders}
        format={props.count}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
