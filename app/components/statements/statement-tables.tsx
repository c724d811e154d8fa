import type { ReactNode } from "react";
import type { DayRange } from "~/domain/report-period";
import { useI18n } from "~/i18n/use-i18n";
import type { StatementLine, StatementPayout, StatementSession, StatementSummary } from "~/models/statement.server";

// A statement's tables, compact enough that a month fits one A4 page when printed.
const TABLE = "w-full border-collapse text-sm";
const TH = "border-b border-soil-300 px-2 py-1 text-left font-medium";
const TD = "border-b border-soil-100 px-2 py-1";
const NUM = "whitespace-nowrap text-right tabular-nums";

function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id} className="space-y-2 break-inside-avoid">
      <h3 id={props.id} className="font-semibold">
        {props.title}
      </h3>
      <div className="overflow-x-auto">{props.children}</div>
    </section>
  );
}

export function StatementSummaryTable({ summary, range }: { summary: StatementSummary; range: DayRange }) {
  const { t, price } = useI18n();
  const rows: [string, number][] = [
    [t("statement.opening", { day: range.from }), summary.openingFen],
    [t("statement.earned"), summary.earnedFen],
    [t("statement.refunds"), -summary.refundsFen],
    [t("statement.paid"), -summary.paidFen],
    ...(summary.otherFen !== 0 ? ([[t("statement.other"), summary.otherFen]] as [string, number][]) : []),
  ];
  return (
    <Section id="statement-summary" title={t("statement.summary")}>
      <table className={TABLE}>
        <tbody>
          {rows.map(([label, fen]) => (
            <tr key={label}>
              <th scope="row" className={`${TD} text-left font-normal`}>
                {label}
              </th>
              <td className={`${TD} ${NUM}`}>{price(fen)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className={`${TD} text-left font-semibold`}>
              {t("statement.closing", { day: range.to })}
            </th>
            <td className={`${TD} ${NUM} font-semibold`} data-testid="statement-closing">
              {price(summary.closingFen)}
            </td>
          </tr>
        </tbody>
      </table>
      {summary.closingFen < 0 ? <p className="text-xs text-soil-800">{t("statement.balanceNote")}</p> : null}
    </Section>
  );
}

export function StatementMonthsTable({ summary }: { summary: StatementSummary }) {
  const { t, price } = useI18n();
  return (
    <Section id="statement-months" title={t("statement.months")}>
      <table className={TABLE}>
        <thead>
          <tr>
            <th scope="col" className={TH}>
              {t("statement.month")}
            </th>
            <th scope="col" className={`${TH} text-right`}>
              {t("statement.earned")}
            </th>
            <th scope="col" className={`${TH} text-right`}>
              {t("statement.refunds")}
            </th>
            <th scope="col" className={`${TH} text-right`}>
              {t("statement.paid")}
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.months.map((m) => (
            <tr key={m.start}>
              <th scope="row" className={`${TD} text-left font-normal`}>
                {m.label}
              </th>
              <td className={`${TD} ${NUM}`}>{price(m.earnedFen)}</td>
              <td className={`${TD} ${NUM}`}>{price(m.refundsFen)}</td>
              <td className={`${TD} ${NUM}`}>{price(m.paidFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function StatementLinesTable({ lines, limit }: { lines: StatementLine[]; limit: number }) {
  const { t, price, count } = useI18n();
  return (
    <Section id="statement-lines" title={t("statement.lines")}>
      {lines.length === 0 ? (
        <p className="text-sm text-soil-800">{t("statement.linesNone")}</p>
      ) : (
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                {t("statement.day")}
              </th>
              <th scope="col" className={TH}>
                {t("statement.kind")}
              </th>
              <th scope="col" className={TH}>
                {t("statement.item")}
              </th>
              <th scope="col" className={`${TH} text-right`}>
                {t("statement.quantity")}
              </th>
              <th scope="col" className={`${TH} text-right`}>
                {t("statement.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i}>
                <td className={`${TD} whitespace-nowrap`}>{l.day}</td>
                <td className={TD}>{t(`statement.kind.${l.kind}`)}</td>
                <td className={TD}>
                  {l.title} <span className="text-xs text-soil-700">#{l.orderRef}</span>
                </td>
                <td className={`${TD} ${NUM}`}>{l.quantity === null ? "" : count(l.quantity)}</td>
                <td className={`${TD} ${NUM}`}>{price(l.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {lines.length >= limit ? <p className="text-xs text-soil-800">{t("statement.linesCut", { count: limit })}</p> : null}
    </Section>
  );
}

export function StatementSessionsTable({ sessions }: { sessions: StatementSession[] }) {
  const { t, price } = useI18n();
  return (
    <Section id="statement-sessions" title={t("statement.sessions")}>
      {sessions.length === 0 ? (
        <p className="text-sm text-soil-800">{t("statement.sessionsNone")}</p>
      ) : (
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                {t("statement.session")}
              </th>
              <th scope="col" className={`${TH} text-right`}>
                {t("statement.earned")}
              </th>
              <th scope="col" className={`${TH} text-right`}>
                {t("statement.refunds")}
              </th>
              <th scope="col" className={`${TH} text-right`}>
                {t("statement.net")}
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.sessionId ?? "none"}>
                <th scope="row" className={`${TD} text-left font-normal`}>
                  {s.title ?? t("statement.sessionNone")}
                  {s.startedOn ? <span className="block text-xs text-soil-700">{s.startedOn}</span> : null}
                </th>
                <td className={`${TD} ${NUM}`}>{price(s.earnedFen)}</td>
                <td className={`${TD} ${NUM}`}>{price(s.refundsFen)}</td>
                <td className={`${TD} ${NUM}`}>{price(s.earnedFen - s.refundsFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function StatementPayoutsTable({ payouts }: { payouts: StatementPayout[] }) {
  const { t, price } = useI18n();
  return (
    <Section id="statement-payouts" title={t("statement.payouts")}>
      {payouts.length === 0 ? (
        <p className="text-sm text-soil-800">{t("statement.payoutsNone")}</p>
      ) : (
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                {t("statement.paidOn")}
              </th>
              <th scope="col" className={TH}>
                {t("statement.method")}
              </th>
              <th scope="col" className={TH}>
                {t("statement.note")}
              </th>
              <th scope="col" className={`${TH} text-right`}>
                {t("statement.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {payouts.map((p, i) => (
              <tr key={i}>
                <td className={`${TD} whitespace-nowrap`}>
                  {p.paidOn}
                  {p.day !== p.paidOn ? (
                    <span className="block text-xs text-soil-700">
                      {t("statement.recorded")} {p.day}
                    </span>
                  ) : null}
                </td>
                <td className={TD}>{t(p.method ? `statement.method.${p.method}` : "statement.method.reversal")}</td>
                <td className={`${TD} break-words`}>{p.stripeTransferId ?? p.note}</td>
                <td className={`${TD} ${NUM}`}>{price(p.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
