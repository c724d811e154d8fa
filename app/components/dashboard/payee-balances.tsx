import { Link } from "@remix-run/react";
import { usePayeeName } from "~/components/payout-history";
import { useI18n } from "~/i18n/use-i18n";
import type { PayeeBalance } from "~/models/payout.server";

const FIGURES = [
  ["dash.payouts.earned", "earnedFen"],
  ["dash.payouts.refunded", "refundedFen"],
  ["dash.payouts.paid", "paidFen"],
  ["dash.payouts.owed", "owedFen"],
] as const;

/** The statement page of a household or streamer (the collective has none). */
const statementHref = (b: PayeeBalance) =>
  b.kind === "household" && b.householdId
    ? `../households/${b.householdId}/statement`
    : b.kind === "streamer" && b.userId
      ? `streamers/${b.userId}/statement`
      : null;

function StatementLink({ balance, name }: { balance: PayeeBalance; name: string }) {
  const { t } = useI18n();
  const href = statementHref(balance);
  if (!href) return null;
  return (
    <Link to={href} relative="path" className="text-sm font-semibold text-leaf-800 underline">
      {t("statement.link")}
      <span className="sr-only"> {name}</span>
    </Link>
  );
}

/** Every payee with earned, refunded, paid out and owed; a negative balance is owed back. */
export function PayeeBalances({ balances }: { balances: PayeeBalance[] }) {
  const { t, price } = useI18n();
  const payeeName = usePayeeName();
  if (balances.length === 0) return <p className="text-soil-800">{t("dash.payouts.noPayees")}</p>;
  return (
    <ul className="divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
      {balances.map((b) => (
        <li key={`${b.kind}:${b.accountId ?? b.name}`} className="p-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-semibold">
              {payeeName(b.kind, b.name)}{" "}
              <span className="ml-1 rounded bg-soil-100 px-1.5 py-0.5 text-xs font-normal">{t(`dash.payouts.kind.${b.kind}`)}</span>
            </p>
            <StatementLink balance={b} name={payeeName(b.kind, b.name)} />
            <p className={`text-lg font-bold ${b.owedFen < 0 ? "text-chili-700" : "text-leaf-800"}`}>
              {b.owedFen < 0 ? t("dash.payouts.owesBack", { amount: price(-b.owedFen) }) : price(b.owedFen)}
            </p>
          </div>
          <dl className="mt-1 grid grid-cols-2 gap-x-6 gap-y-0.5 text-sm text-soil-800 sm:grid-cols-4">
            {FIGURES.map(([label, figure]) => (
              <div key={label} className="flex justify-between gap-2">
                <dt>{t(label)}</dt>
                <dd className="tabular-nums">{price(b[figure])}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
