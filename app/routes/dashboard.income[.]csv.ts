import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDocument } from "~/domain/csv";
import { INCOME_FIGURE_COLUMNS, incomeFigureCells } from "~/domain/income-csv";
import { readHouseholdsRange, replyTo } from "~/forms/report-range.server";
import { csvFilename, csvRefusal, csvResponse } from "~/http/csv-response.server";
import { requirePlatformAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { listPlatformIncome } from "~/models/dashboard/platform-income.server";

// /dashboard/income.csv?from&to: the platform overview's table, one row per cooperative, in
// the cooperative CSVs' style (DESIGN.md; the figures' columns: app/domain/income-csv.ts).
// Platform admins only; anyone else signed in gets a 404, like the page.
const PLATFORM_INCOME_CSV_HEADER = ["cooperative", "name", ...INCOME_FIGURE_COLUMNS] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  await requirePlatformAdmin(scope, request);
  const locale = resolveLocale(request);
  const submission = readHouseholdsRange(new URL(request.url).searchParams);
  if (submission.status !== "success") return csvRefusal(replyTo(submission), locale);
  const { from, to } = submission.value;
  const { coops } = await scope.run((tx) => listPlatformIncome(tx, { from, to }, locale));
  const rows = coops.map((c) => [c.slug, c.name, ...incomeFigureCells(c)]);
  return csvResponse(csvDocument(PLATFORM_INCOME_CSV_HEADER, rows), csvFilename("income", "platform", from, to));
}
