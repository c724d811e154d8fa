import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/statements/print-button";
import { StatementRangeForm } from "~/components/statements/statement-range-form";
import {
  StatementLinesTable,
  StatementMonthsTable,
  StatementPayoutsTable,
  StatementSummaryTable,
} from "~/components/statements/statement-tables";
import { isUuid } from "~/domain/uuid";
import { householdsRangeConstraint, readHouseholdsRange, replyTo } from "~/forms/report-range.server";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { useI18n } from "~/i18n/use-i18n";
import {
  STATEMENT_LINE_LIMIT,
  getStatementHousehold,
  getStatementSummary,
  listStatementLines,
  listStatementPayouts,
} from "~/models/statement.server";

// /dashboard/:coopSlug/households/:id/statement?from&to: what one household earned (per
// order line and per month), refunds netted, payouts (Stripe or offline) and its balance
// at both ends, from the ledger, as the admin (RLS). Another cooperative's household: 404.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  invariantResponse(isUuid(params.id), "Not found");
  const householdId = params.id;
  const locale = resolveLocale(request);
  const submission = readHouseholdsRange(new URL(request.url).searchParams);
  const range = submission.status === "success" ? submission.value : null;
  const payee = { kind: "household" as const, cooperativeId: coop.id, householdId };
  // one transaction: the household (404 when not this cooperative's), then its statement
  const { name, statement } = await scope.run(async (tx) => {
    const name = await getStatementHousehold(tx, coop.id, householdId, locale);
    if (name === null || !range) return { name, statement: null };
    return {
      name,
      statement: {
        summary: await getStatementSummary(tx, payee, range),
        lines: await listStatementLines(tx, payee, range, locale),
        payouts: await listStatementPayouts(tx, payee, range),
      },
    };
  });
  invariantResponse(name !== null, "Not found");
  const constraint = householdsRangeConstraint;
  if (!range) return data({ name, range, statement, result: replyTo(submission), constraint }, { status: 400 });
  return { name, range, statement, result: null, constraint };
}

export default function HouseholdStatementPage() {
  const { name, range, statement, result, constraint } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <article data-print-page className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-semibold">{t("statement.household.title", { name })}</h2>
        <PrintButton />
      </div>
      {range ? <p className="text-sm text-soil-800">{t("statement.intro", range)}</p> : null}
      <StatementRangeForm range={range} result={result} constraint={constraint} />
      {range && statement ? (
        <div className="grid gap-4 print:gap-2">
          <StatementSummaryTable summary={statement.summary} range={range} />
          <StatementMonthsTable summary={statement.summary} />
          <StatementLinesTable lines={statement.lines} limit={STATEMENT_LINE_LIMIT} />
          <StatementPayoutsTable payouts={statement.payouts} />
        </div>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
