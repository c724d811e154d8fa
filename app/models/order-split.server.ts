import type { Queryable } from "~/db/database.server";
import { paymentPostingLines, type Payee } from "~/domain/ledger-postings";
import { loadMoneyItems } from "./order-items.server";

// "¥X to the Wang household, ¥Y to the Zhengjia village collective": the split of one
// order, per payee. Once paid it is read from the ledger (net of refunds); before
// payment it is the projection of the same posting the payment will write.

export type SplitShare = {
  payee: Exclude<Payee, "clearing">;
  nameZh: string;
  nameEn: string;
  amountFen: number;
};

export async function getOrderSplit(tx: Queryable, orderId: string): Promise<{ source: "ledger" | "projection"; shares: SplitShare[] }> {
  const posted = await tx.query<{
    kind: Payee | "payments_clearing"; amount_fen: number; h_zh: string | null; h_en: string | null;
    c_zh: string | null; c_en: string | null;
  }>(
    `select a.kind, (-sum(l.amount_fen))::bigint as amount_fen, h.name_zh as h_zh, h.name_en as h_en,
            c.village_zh as c_zh, c.village_en as c_en
       from public.ledger_lines l
       join public.ledger_postings p on p.id = l.posting_id
       join public.ledger_accounts a on a.id = l.account_id
       left join public.households h on h.id = a.household_id
       left join public.cooperatives c on c.id = a.cooperative_id
      where p.order_id = $1 and a.kind in ('household', 'collective', 'streamer', 'platform')
      group by a.id, a.kind, h.name_zh, h.name_en, c.village_zh, c.village_en
      order by min(l.id)`,
    [orderId],
  );
  if (posted.rows.length > 0) {
    return {
      source: "ledger",
      shares: posted.rows.map((r) => ({
        payee: r.kind as SplitShare["payee"],
        nameZh: r.h_zh ?? r.c_zh ?? "",
        nameEn: r.h_en ?? r.c_en ?? "",
        amountFen: r.amount_fen,
      })),
    };
  }
  return { source: "projection", shares: await projectSplit(tx, orderId) };
}

async function projectSplit(tx: Queryable, orderId: string): Promise<SplitShare[]> {
  const items = await loadMoneyItems(tx, orderId);
  if (items.length === 0) return [];
  const names = await tx.query<{ id: string; h_zh: string | null; h_en: string | null; c_zh: string; c_en: string }>(
    `select oi.id, h.name_zh as h_zh, h.name_en as h_en, c.village_zh as c_zh, c.village_en as c_en
       from public.order_items oi
       join public.cooperatives c on c.id = oi.cooperative_id
       left join public.households h on h.id = oi.household_id
      where oi.order_id = $1`,
    [orderId],
  );
  const nameOf = new Map(names.rows.map((r) => [r.id, r]));
  const shares = new Map<string, SplitShare>();
  for (const line of paymentPostingLines(items)) {
    if (line.payee === "clearing") continue;
    const item = items.find((i) => i.id === line.itemId)!;
    const n = nameOf.get(line.itemId)!;
    const key =
      line.payee === "household" ? `h:${item.householdId}` : line.payee === "collective" ? `c:${item.cooperativeId}` :
      line.payee === "streamer" ? `s:${item.streamerUserId}:${item.cooperativeId}` : "platform";
    const share = shares.get(key) ?? {
      payee: line.payee,
      nameZh: line.payee === "household" ? n.h_zh ?? "" : n.c_zh,
      nameEn: line.payee === "household" ? n.h_en ?? "" : n.c_en,
      amountFen: 0,
    };
    share.amountFen += -line.amountFen;
    shares.set(key, share);
  }
  return [...shares.values()];
}
