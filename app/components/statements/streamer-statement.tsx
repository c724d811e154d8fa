import type { DayRange } from "~/domain/report-period";
import type { FormReply } from "~/forms/parse-form";
import { useI18n } from "~/i18n/use-i18n";
import type { StatementPayout, StatementSession, StatementSummary } from "~/models/statement.server";
import { PrintButton } from "./print-button";
import { StatementRangeForm } from "./statement-range-form";
import { StatementMonthsTable, StatementPayoutsTable, StatementSessionsTable, StatementSummaryTable } from "./statement-tables";

/** A streamer's statement page, for the host themself (/studio) and the cooperative's admins. */
export function StreamerStatement(props: {
  title: string;
  range: DayRange | null;
  statement: { summary: StatementSummary; sessions: StatementSession[]; payouts: StatementPayout[] } | null;
  result: FormReply | null;
  constraint: Record<string, { required?: boolean; maxLength?: number; minLength?: number; pattern?: string }>;
}) {
  const { t } = useI18n();
  const { range, statement } = props;
  return (
    <article data-print-page className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-semibold">{props.title}</h2>
        <PrintButton />
      </div>
      {range ? <p className="text-sm text-soil-800">{t("statement.intro", range)}</p> : null}
      <StatementRangeForm range={range} result={props.result} constraint={props.constraint} />
      {range && statement ? (
        <div className="grid gap-4 print:gap-2">
          <StatementSummaryTable summary={statement.summary} range={range} />
          <StatementSessionsTable sessions={statement.sessions} />
          <StatementMonthsTable summary={statement.summary} />
          <StatementPayoutsTable payouts={statement.payouts} />
        </div>
      ) : null}
    </article>
  );
}
