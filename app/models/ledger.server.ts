import type { Queryable } from "~/db/database.server";
import type { Payee, PostingLine } from "~/domain/ledger-postings";

// Writing postings: resolve each line's payee to a ledger account (creating the account
// on first use) and insert the posting once per idempotency key. The database refuses
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

const cacheKey = (k: AccountKey) => JSON.stringify(k);

async function accountId(tx: Queryable, key: AccountKey): Promise<string> {
  const params = [
    key.kind,
    "cooperativeId" in key ? key.cooperativeId : null,
    "householdId" in key ? key.householdId : null,
    "userId" in key ? key.userId : null,
  ];
  const find = async () => {
    const { rows } = await tx.query<{ id: string }>(
      `select id from public.ledger_accounts
        where kind = $1
          and cooperative_id is not distinct from $2
          and household_id is not distinct from $3
          and user_id is not distinct from $4`,
      params,
    );
    return rows[0]?.id;
  };
  const existing = await find();
  if (existing) return existing;
  await tx.query(
    `insert into public.ledger_accounts (kind, cooperative_id, household_id, user_id)
     values ($1, $2, $3, $4) on conflict do nothing`,
    params,
  );
  const created = await find();
  if (!created) throw new Error(`could not create ledger account ${cacheKey(key)}`);
  return created;
}

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
  posting: { kind: "payment" | "refund"; idempotencyKey: string; orderId: string; memo?: string },
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
  const accounts = new Map<string, string>();
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const line of lines) {
    const itemParties = byItem.get(line.itemId);
    if (!itemParties) throw new Error(`posting line for unknown item ${line.itemId}`);
    const key = accountKeyFor(line.payee, itemParties);
    let account = accounts.get(cacheKey(key));
    if (!account) {
      account = await accountId(tx, key);
      accounts.set(cacheKey(key), account);
    }
    values.push(postingId, account, line.itemId, line.amountFen);
    const n = values.length;
    tuples.push(`($${n - 3}, $${n - 2}, $${n - 1}, $${n})`);
  }
  await tx.query(
    `insert into public.ledger_lines (posting_id, account_id, order_item_id, amount_fen) values ${tuples.join(", ")}`,
    values,
  );
  return postingId;
}
