import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids } from "~/seed/seed.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Invariants the database itself enforces, whatever the application code does.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

let platform: string;
let clearing: string;
beforeAll(async () => {
  const account = async (kind: string) =>
    (await t.db.query<{ id: string }>("select id from public.ledger_accounts where kind = $1", [kind])).rows[0].id;
  platform = await account("platform");
  clearing = await account("payments_clearing");
});

describe("database-enforced rules", () => {
  it("refuses a split rule whose parts do not sum to 10000", async () => {
    await expect(
      t.db.query(
        `insert into public.split_rules (cooperative_id, product_id, household_bp, collective_bp, streamer_bp, platform_bp)
         values ($1, $2, 7000, 1500, 1000, 400)`,
        [ids.cooperative("zhengjia"), ids.product("zhengjia-black-fungus-500g")],
      ),
    ).rejects.toThrow(/split_rules_sum_to_whole/);
  });

  it("refuses a grower household from another cooperative", async () => {
    const { rows } = await t.db.query<{ id: string }>("select id from public.households where cooperative_id = $1 limit 1", [
      ids.cooperative("daguliu"),
    ]);
    await expect(
      t.db.query("update public.products set household_id = $1 where id = $2", [rows[0].id, ids.product("zhengjia-black-fungus-250g")]),
    ).rejects.toThrow(/foreign key/);
  });

  it("accepts a balanced posting and refuses an unbalanced one at commit", async () => {
    await t.db.transaction(async (tx) => {
      const p = await tx.query<{ id: string }>(
        "insert into public.ledger_postings (kind, idempotency_key) values ('adjustment', 'test:balanced') returning id",
      );
      await tx.query("insert into public.ledger_lines (posting_id, account_id, amount_fen) values ($1, $2, 500), ($1, $3, -500)", [
        p.rows[0].id,
        clearing,
        platform,
      ]);
    });
    await expect(
      t.db.transaction(async (tx) => {
        const p = await tx.query<{ id: string }>(
          "insert into public.ledger_postings (kind, idempotency_key) values ('adjustment', 'test:unbalanced') returning id",
        );
        await tx.query("insert into public.ledger_lines (posting_id, account_id, amount_fen) values ($1, $2, 500), ($1, $3, -499)", [
          p.rows[0].id,
          clearing,
          platform,
        ]);
      }),
    ).rejects.toThrow(/unbalanced by 1 fen/);
    await expect(
      t.db.transaction((tx) => tx.query("insert into public.ledger_postings (kind, idempotency_key) values ('adjustment', 'test:empty')")),
    ).rejects.toThrow(/has no lines/);
    const { rows } = await t.db.query<{ n: number }>(
      "select count(*) as n from public.ledger_postings where idempotency_key like 'test:%'",
    );
    expect(rows[0].n).toBe(1);
  });

  it("posts each idempotency key once", async () => {
    await expect(
      t.db.query("insert into public.ledger_postings (kind, idempotency_key) values ('adjustment', 'test:balanced')"),
    ).rejects.toThrow(/duplicate key/);
  });

  it("keeps the ledger append-only", async () => {
    await expect(t.db.query("update public.ledger_lines set amount_fen = 1")).rejects.toThrow(/append-only/);
    await expect(t.db.query("delete from public.ledger_postings")).rejects.toThrow(/append-only/);
    await expect(t.db.query("truncate public.ledger_lines cascade")).rejects.toThrow(/append-only/);
  });
});
