import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDocument } from "~/domain/csv";
import { fenToYuanString } from "~/domain/money";
import { readHouseholdsRange, replyTo } from "~/forms/report-range.server";
import { csvFilename, csvRefusal, csvResponse } from "~/http/csv-response.server";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { listHouseholdIncome } from "~/models/dashboard/income-breakdowns.server";

// /dashboard/:coopSlug/reports/households.csv?from&to: what each household earned in the
// range, net of refunds (DESIGN.md: household,orders,net_income), names in the request's
// language, every household of the cooperative listed.
const HOUSEHOLDS_CSV_HEADER = ["household", "orders", "net_income"] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const locale = resolveLocale(request);
  const submission = readHouseholdsRange(new URL(request.url).searchParams);
  if (submission.status !== "success") return csvRefusal(replyTo(submission), locale);
  const range = submission.value;
  const households = await scope.run((tx) => listHouseholdIncome(tx, coop.id, range, locale));
  const rows = households.map((h) => [h.name, h.orders, fenToYuanString(h.incomeFen)]);
  return csvResponse(csvDocument(HOUSEHOLDS_CSV_HEADER, rows), csvFilename("households", coop.slug, range.from, range.to));
}
