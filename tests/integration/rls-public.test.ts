import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRole } from "~/db/request-role.server";
import { ids } from "~/seed/seed.server";
import { hashToken } from "~/http/visitor.server";
import { Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// The first RLS layer: what the public (anon) and a signed-in consumer may reach.
// The accounts work extends this into the full role × table matrix.
let t: TestDatabase;
let orderId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.query("update public.products set status = 'draft' where id = $1", [ids.product("daguliu-harvest-box")]);
  // Someone else's cart and order, so "sees nothing" below is about rows that exist.
  const buyer = new Shopper(testContext(t.db));
  await buyer.add(ids.product("zhengjia-black-fungus-250g"), 1);
  orderId = await buyer.placeOrder();
  await buyer.pay(orderId);
  await buyer.add(ids.product("zhengjia-black-fungus-250g"), 1);
  await t.db.query("insert into auth.users (id, email) values ($1, 'consumer@rls.test')", [consumer.userId]);
  await t.db.query("insert into public.profiles (id, email, display_name) values ($1, 'consumer@rls.test', 'Consumer')", [consumer.userId]);
});
afterAll(() => t.destroy());

const anon = { role: "anon" } as const;
const consumer = { role: "authenticated", userId: ids.user("consumer@rls.test") } as const;

describe("public access (anon)", () => {
  it("reads the active catalogue but not drafts", async () => {
    const rows = await withRole(t.db, anon, async (tx) => (await tx.query<{ slug: string }>("select slug from public.products")).rows);
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(rows.map((r) => r.slug)).not.toContain("daguliu-harvest-box");
  });

  it("cannot read payout identifiers", async () => {
    await expect(withRole(t.db, anon, (tx) => tx.query("select id from public.stripe_connected_accounts"))).rejects.toThrow(
      /permission denied/,
    );
    await expect(withRole(t.db, anon, (tx) => tx.query("select connected_account_id from public.stripe_transfers"))).rejects.toThrow(
      /permission denied/,
    );
  });

  it.each([
    "payouts",
    "payment_events",
    "stripe_webhook_events",
    "live_session_secrets",
    "profiles",
    "memberships",
    "refunds",
    "refund_items",
  ])("cannot read %s", async (table) => {
    await expect(withRole(t.db, anon, (tx) => tx.query(`select * from public.${table}`))).rejects.toThrow(/permission denied/);
  });

  it.each(["orders", "order_items", "carts", "cart_items", "ledger_accounts", "ledger_postings", "ledger_lines"])(
    "sees none of other visitors' %s",
    async (table) => {
      const total = await t.db.query<{ n: number }>(`select count(*) as n from public.${table}`);
      expect(total.rows[0].n).toBeGreaterThan(0);
      for (const identity of [anon, { role: "anon", claims: { visitor: hashToken("another-visitor") } } as const]) {
        const seen = await withRole(t.db, identity, async (tx) => (await tx.query(`select * from public.${table}`)).rows);
        expect(seen).toEqual([]);
      }
    },
  );

  it("cannot place orders for, or cancel, someone else's order", async () => {
    const other = { role: "anon", claims: { visitor: hashToken("another-visitor") } } as const;
    expect(
      await withRole(
        t.db,
        other,
        async (tx) => (await tx.query<{ c: boolean }>("select public.cancel_my_order($1) as c", [orderId])).rows[0].c,
      ),
    ).toBe(false);
    await expect(
      withRole(t.db, other, (tx) => tx.query("select public.place_order('a','13800138000','p','c','d','addr','en',15)")),
    ).rejects.toMatchObject({ code: "HL001" });
    await expect(withRole(t.db, anon, (tx) => tx.query("select public.expire_unpaid_orders()"))).rejects.toThrow(/permission denied/);
    await expect(
      withRole(t.db, anon, (tx) => tx.query("select app_private.cancel_pending_orders(array[$1::uuid])", [orderId])),
    ).rejects.toThrow(/permission denied/);
  });

  it.each(["products", "cooperatives", "split_rules", "live_sessions"])("cannot write %s", async (table) => {
    await expect(withRole(t.db, anon, (tx) => tx.query(`delete from public.${table}`))).rejects.toThrow(/permission denied/);
  });

  it("cannot read password hashes", async () => {
    await expect(withRole(t.db, anon, (tx) => tx.query("select * from app_private.local_credentials"))).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe("signed-in user", () => {
  it("sees only their own profile and no one else's stream keys", async () => {
    const result = await withRole(t.db, consumer, async (tx) => ({
      uid: (await tx.query<{ uid: string }>("select auth.uid() as uid")).rows[0].uid,
      profiles: (await tx.query<{ email: string }>("select email from public.profiles")).rows,
      secrets: (await tx.query("select * from public.live_session_secrets")).rows,
    }));
    expect(result.uid).toBe(consumer.userId);
    expect(result.profiles).toEqual([{ email: "consumer@rls.test" }]);
    expect(result.secrets).toEqual([]);
  });

  it("a host reads their own session's stream key", async () => {
    const host = { role: "authenticated", userId: ids.user("host@liujiawobao.demo") } as const;
    const secrets = await withRole(t.db, host, async (tx) => (await tx.query("select session_id from public.live_session_secrets")).rows);
    expect(secrets).toEqual([{ session_id: ids.session("liujiawobao-autumn-harvest-live") }]);
  });

  it("does not leak the role or claims past the transaction", async () => {
    await withRole(t.db, consumer, (tx) => tx.query("select 1"));
    const { rows } = await t.db.query<{ role: string; claims: string | null }>(
      "select current_user as role, nullif(current_setting('request.jwt.claims', true), '') as claims",
    );
    expect(rows[0].role).not.toBe("authenticated");
    expect(rows[0].claims).toBeNull();
  });
});
