import { fenToYuanString, type Fen } from "./money";

// The income figures' columns as every income CSV has them (DESIGN.md's contract): orders,
// then yuan with 2 decimals; in each row net_sales = household_income + collective_income +
// streamer_commission + platform_fee to the fen, because they are the same ledger lines.
export const INCOME_FIGURE_COLUMNS = [
  "orders",
  "gross_sales",
  "refunds",
  "net_sales",
  "household_income",
  "collective_income",
  "streamer_commission",
  "platform_fee",
] as const;

export type IncomeFigureFields = {
  orders: number;
  grossFen: Fen;
  refundsFen: Fen;
  netFen: Fen;
  householdFen: Fen;
  collectiveFen: Fen;
  streamerFen: Fen;
  platformFen: Fen;
};

/** One row's cells for INCOME_FIGURE_COLUMNS. */
export function incomeFigureCells(f: IncomeFigureFields): (string | number)[] {
  const yuan = fenToYuanString;
  return [
    f.orders,
    yuan(f.grossFen),
    yuan(f.refundsFen),
    yuan(f.netFen),
    yuan(f.householdFen),
    yuan(f.collectiveFen),
    yuan(f.streamerFen),
    yuan(f.platformFen),
  ];
}
