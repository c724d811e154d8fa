import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDocument } from "~/domain/csv";
import { INCOME_FIGURE_COLUMNS, incomeFigureCells } from "~/domain/income-csv";
import { readReportRange, replyTo } from "~/forms/report-range.server";
import { csvFilename, csvRefusal, csvResponse } from "~/http/csv-response.server";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { listIncomePeriods } from "~/models/dashboard/income-report.server";

// /dashboard/:coopSlug/reports/income.csv?from&to&group: the reports page's period table as
// CSV (the contract in DESIGN.md; the figures' columns: app/domain/income-csv.ts).
const INCOME_CSV_HEADER = ["period", ...INCOME_FIGURE_COLUMNS] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const submission = readReportRange(new URL(request.url).searchParams);
  if (submission.status !== "success") return csvRefusal(replyTo(submission), resolveLocale(request));
  const { from, to, group } = submission.value;
  const periods = await scope.run((tx) => listIncomePeriods(tx, coop.id, { from, to }, group));
  const rows = periods.map((p) => [p.label, ...incomeFigureCells(p)]);
  return csvResponse(csvDocument(INCOME_CSV_HEADER, rows), csvFilename("income", coop.slug, from, to, group));
}
