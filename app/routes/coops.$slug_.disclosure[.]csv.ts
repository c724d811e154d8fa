import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDocument } from "~/domain/csv";
import { fenToYuanString } from "~/domain/money";
import { csvFilename } from "~/http/csv-response.server";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { getDisclosureCoop, listDisclosure } from "~/models/disclosure.server";

// /coops/:slug/disclosure.csv: the disclosure page's figures, a year's row then its months'
// (period 2026, 2026-01 …), yuan with 2 decimals, the reports' CSV encoder (BOM, RFC 4180).
// Public, like the page; 404 while the disclosure is off.
const DISCLOSURE_CSV_HEADER = [
  "period",
  "net_sales",
  "collective_income",
  "household_income",
  "paid_to_households",
  "households_paid",
] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const { coop, years } = await requestScope(context, request).runPublic(async (tx) => {
    const coop = await getDisclosureCoop(tx, slug, resolveLocale(request));
    invariantResponse(coop?.enabled, "Not found");
    return { coop, years: await listDisclosure(tx, slug) };
  });
  const yuan = fenToYuanString;
  const rows = years.flatMap((y) =>
    [{ label: String(y.year), ...y }, ...y.months].map((p) => [
      p.label,
      yuan(p.netFen),
      yuan(p.collectiveFen),
      yuan(p.householdFen),
      yuan(p.paidToHouseholdsFen),
      p.householdsPaid,
    ]),
  );
  return new Response(csvDocument(DISCLOSURE_CSV_HEADER, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${csvFilename("disclosure", coop.slug)}"`,
      // public figures, but switched off at any moment: never kept by a shared cache
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
