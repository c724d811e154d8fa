import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDocument } from "~/domain/csv";
import { fenToYuanString } from "~/domain/money";
import { readHouseholdsRange, replyTo } from "~/forms/report-range.server";
import { csvFilename, csvRefusal, csvResponse } from "~/http/csv-response.server";
import { requirePlatformAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { listPlatformIncome } from "~/models/dashboard/platform-income.server";

// /dashboard/income.csv?from&to: the platform overview's table, one row per cooperative, in
// the cooperative CSVs' style (DESIGN.md): yuan with 2 decimals, and in every row net_sales
// = household_income + collective_income + streamer_commission + platform_fee to the fen.
// Platform admins only; anyone else signed in gets a 404, like the page.
const PLATFORM_INCOME_CSV_HEADER = [
  "cooperative",
  "name",
  "orders",
  "gross_sales",
  "refunds",
  "net_sales",
  "household_income",
  "collective_income",
  "streamer_commission",
  "platform_fee",
] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  await requirePlatformAdmin(scope, request);
  const locale = resolveLocale(request);
  const submission = readHouseholdsRange(new URL(request.url).searchParams);
  if (submission.status !== "success") return csvRefusal(replyTo(submission), locale);
  const { from, to } = submission.value;
  const { coops } = await scope.run((tx) => listPlatformIncome(tx, { from, to }, locale));
  const yuan = fenToYuanString;
  const rows = coops.map((c) => [
    c.slug,
    c.name,
    c.orders,
    yuan(c.grossFen),
    yuan(c.refundsFen),
    yuan(c.netFen),
    yuan(c.householdFen),
    yuan(c.collectiveFen),
    yuan(c.streamerFen),
    yuan(c.platformFen),
  ]);
  return csvResponse(csvDocument(PLATFORM_INCOME_CSV_HEADER, rows), csvFilename("income", "platform", from, to));
}
