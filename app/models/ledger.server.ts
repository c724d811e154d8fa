import type { Queryable } from "~/db/database.server";
import type { Payee, PostingLine } from "~/domain/ledger-postings";

// Writing postings: resolve every line's payee to a ledger account in one set-based call
// (creating accounts on first use) and insert the posting once per idempotency key. The database refuses
// unbalanced postings at commit and any update or delete of ledger rows.

export type ItemParties = {
  itemId: string;
  cooperativeId: string;
  householdId: string | null;
  streamerUserId: string | null;
};

type AccountKey =
  | { kind: "household"; cooperativeId: string; householdId: string }
  | { kind: "collective"; cooperativeId: string }
  | { kind: "streamer"; cooperativeId: string; userId: string }
  | { kind: "platform" | "payments_clearing" | "payouts_clearing" };

function accountKeyFor(payee: Payee, parties: ItemParties): AccountKey {
  switch (payee) {
    case "household":
      if (!parties.householdId) throw new Error(`item ${parties.itemId} has no household to pay`);
      return { kind: "household", cooperativeId: parties.cooperativeId, householdId: parties.householdId };
    case "collective":
      return { kind: "collective", cooperativeId: parties.cooperativeId };
    case "streamer":
      if (!parties.streamerUserId) throw new Error(`item ${parties.itemId} has no streamer to pay`);
      return { kind: "streamer", cooperativeId: parties.cooperativeId, userId: parties.streamerUserId };
    case "platform":
      return { kind: "platform" };
    case "clearing":
      return { kind: "payments_clearing" };
  }
}

/**
 * Inserts a posting once. Returns its id, or null when the idempotency key was already
 * posted (a duplicate delivery) — the caller treats that as done.
 */
export async function insertPosting(
  tx: Queryable,
  posting: { kind: "payment"; idempotencyKey: string; orderId: string; memo?: string },
  lines: PostingLine[],
  parties: ItemParties[],
): Promise<string | null> {
  if (lines.length === 0) throw new Error(`refusing an empty ${posting.kind} posting for order ${posting.orderId}`);
  const inserted = await tx.query<{ id: string }>(
    `insert into public.ledger_postings (kind, idempotency_key, order_id, memo) values ($1, $2, $3, $4)
     on conflict (idempotency_key) do nothing returning id`,
    [posting.kind, posting.idempotencyKey, posting.orderId, posting.memo ?? ""],
  );
  const postingId = inserted.rows[0]?.id;
  if (!postingId) return null;

  const byItem = new Map(parties.map((p) => [p.itemId, p]));
  const keys = lines.map((line) => {
    const itemParties = byItem.get(line.itemId);
    if (!itemParties) throw new Error(`posting line for unknown item ${line.itemId}`);
    return accountKeyFor(line.payee, itemParties);
  });
  // Accounts and lines in one statement: app_private.ledger_account_ids creates missing
  // accounts and returns one per line, in order (the refund function uses it too).
  const column = (pick: (k: AccountKey) => string | null) => keys.map(pick);
  const written = await tx.query(
    `insert into public.ledger_lines (posting_id, account_id, order_item_id, amount_fen)
     select $1, acc.account_id, l.item_id, l.amount
       from unnest($2::uuid[], $3::bigint[]) with ordinality as l (item_id, amount, n)
       join app_private.ledger_account_ids($4::text[], $5::uuid[], $6::uuid[], $7::uuid[]) acc on acc.n = l.n
      order by l.n`,
    [
      postingId,
      lines.map((l) => l.itemId),
      lines.map((l) => l.amountFen),
      column((k) => k.kind),
      column((k) => ("cooperativeId" in k ? k.cooperativeId : null)),
      column((k) => ("householdId" in k ? k.householdId : null)),
      column((k) => ("userId" in k ? k.userId : null)),
    ],
  );
  if (written.rowCount !== lines.length)
    throw new Error(`posting ${postingId}: ${written.rowCount} of ${lines.length} lines found an account`);
  return postingId;
}
