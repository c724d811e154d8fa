import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { asServiceRole, withRole } from "~/db/request-role.server";
import { listCoopOrders } from "~/models/dashboard/orders.server";
import { ids } from "~/seed/seed.server";
import { refundAs } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// The policy shapes of 20261203150000 (ADR 0010): a ledger line carries its cooperatives,
// a shared ledger account the cooperatives whose orders post to it, and anon's catalogue is
// tested against the active cooperatives / public products as one array each. The stored
// values must be what the database derives, whoever writes; the policies must still show
// an admin only their cooperative and anon only what is published. (The full role × table
// matrix is rls-matrix.test.ts.) This file's database is its own: it suspends a cooperative.
let t: TestDatabase;
let context: AppContext;
let mixedOrder: string;

const ZHENGJIA = ids.cooperative("zhengjia");
const DAGULIU = ids.cooperative("daguliu");
const ADMIN_A = ids.user("admin@zhengjia.demo");
const ADMIN_B = ids.user("admin@daguliu.demo");
const FUNGUS = ids.product("zhengjia-black-fungus-250g");
const RICE = ids.product("daguliu-rice-5kg");

beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  const shopper = new Shopper(context);
  await shopper.add(FUNGUS, 2);
  await shopper.add(RICE, 1);
  mixedOrder = await shopper.placeOrder();
  await shopper.pay(mixedOrder);
  const { rows } = await t.db.query<{ id: string }>("select id from public.order_items where order_id = $1 and cooperative_id = $2", [
    mixedOrder,
    ZHENGJIA,
  ]);
  const refund = await refundAs(t.db, ADMIN_A, {
    refundId: crypto.randomUUID(),
    orderId: mixedOrder,
    items: [{ orderItemId: rows[0].id, quantity: 1 }],
    restock: false,
  });
  expect(refund).toMatchObject({ ok: true });
});
afterAll(() => t.destroy());

/** Thrown to roll a transaction back with what it saw. */
class RolledBack extends Error {
  constructor(readonly value: unknown) {
    super("rolled back");
  }
}

// What a line's cooperatives must be: its account's and its order item's, sorted, no nulls.
const LINES_OFF = `
  select l.id from public.ledger_lines l
    join public.ledger_accounts a on a.id = l.account_id
    left join public.order_items oi on oi.id = l.order_item_id
   where l.cooperative_ids is distinct from
         array(select distinct c from unnest(array[a.cooperative_id, oi.cooperative_id]) c where c is not null order by c)`;

// What a shared account's users must be: the cooperatives of the orders whose postings use it.
const ACCOUNTS_OFF = `
  select a.id from public.ledger_accounts a
   where a.used_by_cooperative_ids is distinct from
         case when a.cooperative_id is not null then '{}'::uuid[] else
           array(select distinct c from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id
                   join public.orders o on o.id = p.order_id cross join unnest(o.cooperative_ids) c
                  where l.account_id = a.id order by c) end`;

describe("cooperatives stored by the write path", () => {
  it("every ledger line (seed, payment, refund) carries its account's and its item's cooperatives", async () => {
    const lines = await t.db.query<{ n: number }>(
      "select count(*)::int as n from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id where p.order_id = $1",
      [mixedOrder],
    );
    expect(lines.rows[0].n).toBeGreaterThan(4);
    expect((await t.db.query(LINES_OFF)).rows).toEqual([]);
  });

  it("every shared account carries the cooperatives whose orders post to it, and no others", async () => {
    const shared = await t.db.query<{ used: string[] }>(
      "select used_by_cooperative_ids as used from public.ledger_accounts where kind = 'platform'",
    );
    expect(shared.rows[0].used).toEqual(expect.arrayContaining([ZHENGJIA, DAGULIU]));
    expect((await t.db.query(ACCOUNTS_OFF)).rows).toEqual([]);
  });

  it("every posting (seed, payment, refund, payout) carries its order's cooperatives, whatever the writer sends", async () => {
    const postings = await t.db.query<{ kind: string; ids: string[] }>(
      "select kind, cooperative_ids as ids from public.ledger_postings where order_id = $1 order by kind",
      [mixedOrder],
    );
    expect(postings.rows).toEqual([
      { kind: "payment", ids: [DAGULIU, ZHENGJIA].sort() },
      { kind: "refund", ids: [DAGULIU, ZHENGJIA].sort() },
    ]);
    const off = await t.db.query(
      `select p.id from public.ledger_postings p left join public.orders o on o.id = p.order_id
        where p.cooperative_ids is distinct from coalesce(o.cooperative_ids, '{}')`,
    );
    expect(off.rows).toEqual([]);
    const stored = await asServiceRole(t.db, async (tx) => {
      const { rows } = await tx.query<{ cooperative_ids: string[] }>(
        `insert into public.ledger_postings (kind, idempotency_key, memo, cooperative_ids)
         values ('adjustment', 'rls-shapes-posting', 'test', array[$1::uuid]) returning cooperative_ids`,
        [ZHENGJIA],
      );
      throw new RolledBack(rows[0].cooperative_ids);
    }).catch((error: unknown) => (error instanceof RolledBack ? error.value : Promise.reject(error)));
    expect(stored).toEqual([]);
  });

  it("a writer cannot choose a line's cooperatives", async () => {
    const stored = await asServiceRole(t.db, async (tx) => {
      const posting = await tx.query<{ id: string }>(
        "insert into public.ledger_postings (kind, idempotency_key, memo) values ('adjustment', 'rls-shapes', 'test') returning id",
      );
      const collective = await tx.query<{ id: string }>(
        "select id from public.ledger_accounts where kind = 'collective' and cooperative_id = $1",
        [DAGULIU],
      );
      const clearing = await tx.query<{ id: string }>("select id from public.ledger_accounts where kind = 'payments_clearing'");
      const { rows } = await tx.query<{ cooperative_ids: string[] }>(
        `insert into public.ledger_lines (posting_id, account_id, amount_fen, cooperative_ids)
         values ($1, $2, 1, array[$4::uuid]), ($1, $3, -1, array[$4::uuid]) returning cooperative_ids`,
        [posting.rows[0].id, collective.rows[0].id, clearing.rows[0].id, ZHENGJIA],
      );
      throw new RolledBack(rows.map((r) => r.cooperative_ids));
    }).catch((error: unknown) => (error instanceof RolledBack ? error.value : Promise.reject(error)));
    expect(stored).toEqual([[DAGULIU], []]);
  });
});

describe("another cooperative's admin", () => {
  it("sees none of zhengjia's orders, items or split on zhengjia's orders page", async () => {
    const asA = await withRole(t.db, { role: "authenticated", userId: ADMIN_A }, (tx) => listCoopOrders(tx, ZHENGJIA, "en"));
    expect(asA.map((o) => o.id)).toContain(mixedOrder);
    expect(asA.find((o) => o.id === mixedOrder)!.split.length).toBeGreaterThan(0);
    const asB = await withRole(t.db, { role: "authenticated", userId: ADMIN_B }, (tx) => listCoopOrders(tx, ZHENGJIA, "en"));
    expect(asB).toEqual([]);
  });

  it("sees only ledger lines and accounts of their own cooperative's orders and accounts", async () => {
    const seen = await withRole(t.db, { role: "authenticated", userId: ADMIN_B }, async (tx) => ({
      lines: (await tx.query<{ coops: string[] }>("select cooperative_ids as coops from public.ledger_lines")).rows,
      accounts: (
        await tx.query<{ coop: string | null; used: string[] }>(
          "select cooperative_id as coop, used_by_cooperative_ids as used from public.ledger_accounts",
        )
      ).rows,
    }));
    expect(seen.lines.length).toBeGreaterThan(0);
    expect(seen.lines.filter((l) => !l.coops.includes(DAGULIU))).toEqual([]);
    expect(seen.accounts.filter((a) => (a.coop ? a.coop !== DAGULIU : !a.used.includes(DAGULIU)))).toEqual([]);
  });
});

describe("a signed order link (the order claim)", () => {
  it("shows exactly that order for its id's canonical text, and nothing for any other text", async () => {
    const seenWith = (order: string) =>
      withRole(
        t.db,
        { role: "anon", claims: { order } },
        async (tx) => (await tx.query<{ id: string }>("select id from public.orders")).rows,
      );
    expect(await seenWith(mixedOrder)).toEqual([{ id: mixedOrder }]);
    for (const other of [mixedOrder.toUpperCase(), `{${mixedOrder}}`, mixedOrder.replace(/-/g, ""), "not-a-uuid", ""]) {
      expect(await seenWith(other), other).toEqual([]);
    }
  });
});

describe("anon's catalogue", () => {
  beforeAll(async () => {
    await t.db.query("update public.cooperatives set status = 'suspended' where id = $1", [DAGULIU]);
    await t.db.query("update public.products set status = 'draft' where id = $1", [FUNGUS]);
  });

  const published = async () =>
    (
      await t.db.query<{ id: string }>(
        `select p.id from public.products p join public.cooperatives c on c.id = p.cooperative_id
          where p.status = 'active' and c.status = 'active' order by p.id`,
      )
    ).rows.map((r) => r.id);

  it("sees the stock, products and households of published products of active cooperatives only", async () => {
    const expected = await published();
    expect(expected).not.toContain(FUNGUS);
    expect(expected).not.toContain(RICE);
    const seen = await withRole(t.db, { role: "anon" }, async (tx) => ({
      products: (await tx.query<{ id: string }>("select id from public.products order by id")).rows.map((r) => r.id),
      stock: (await tx.query<{ id: string }>("select product_id as id from public.product_stock order by product_id")).rows.map(
        (r) => r.id,
      ),
      householdCoops: (await tx.query<{ coop: string }>("select distinct cooperative_id as coop from public.households")).rows.map(
        (r) => r.coop,
      ),
    }));
    expect(seen.products).toEqual(expected);
    // every published product has a stock row in the seed
    expect(seen.stock).toEqual(expected);
    expect(seen.householdCoops.length).toBeGreaterThan(0);
    expect(seen.householdCoops).not.toContain(DAGULIU);
  });

  it("a signed-in admin still sees their own draft's stock; another cooperative's admin does not", async () => {
    const stockSeenBy = (userId: string) =>
      withRole(
        t.db,
        { role: "authenticated", userId },
        async (tx) => (await tx.query("select product_id from public.product_stock where product_id = $1", [FUNGUS])).rows.length,
      );
    expect(await stockSeenBy(ADMIN_A)).toBe(1);
    expect(await stockSeenBy(ADMIN_B)).toBe(0);
  });
});
