import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { DEMO_PASSWORD, seedDemoData } from "~/seed/seed.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0].n;

describe("demo seed", () => {
  it("has the six cooperatives of the brief, with households and about thirty products", async () => {
    const { rows } = await t.db.query<{ slug: string }>("select slug from public.cooperatives order by slug");
    expect(rows.map((r) => r.slug)).toEqual(["daguliu", "dongsheng", "huangjiuguan", "laohutou", "liujiawobao", "zhengjia"]);
    expect(await count("select count(*) as n from public.products")).toBeGreaterThanOrEqual(28);
    expect(
      await count(
        "select count(*) as n from public.cooperatives c where (select count(*) from public.households h where h.cooperative_id = c.id) < 3",
      ),
    ).toBe(0);
    expect(await count("select count(*) as n from public.split_rules where product_id is null")).toBe(6);
  });

  it("has a live, an upcoming and a replay session", async () => {
    expect(await count("select count(*) as n from public.live_sessions where status = 'live' and playback_url is not null")).toBeGreaterThanOrEqual(1);
    expect(await count("select count(*) as n from public.live_sessions where status = 'scheduled'")).toBeGreaterThanOrEqual(1);
    expect(await count("select count(*) as n from public.live_sessions where status = 'ended' and replay_url is not null")).toBeGreaterThanOrEqual(1);
  });

  it("creates the demo users with the demo password and their roles", async () => {
    const { rows } = await t.db.query<{ email: string; password_hash: string; roles: string[] | null; is_platform_admin: boolean }>(
      `select p.email, c.password_hash, p.is_platform_admin,
              (select array_agg(m.role || '@' || co.slug order by m.role) from public.memberships m
                 join public.cooperatives co on co.id = m.cooperative_id where m.user_id = p.id) as roles
         from public.profiles p join app_private.local_credentials c on c.user_id = p.id order by p.email`,
    );
    expect(rows).toHaveLength(13);
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(byEmail.get("admin@zhengjia.demo")?.roles).toEqual(["admin@zhengjia"]);
    expect(byEmail.get("host@daguliu.demo")?.roles).toEqual(["streamer@daguliu"]);
    expect(byEmail.get("admin@platform.demo")?.is_platform_admin).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD, rows[0].password_hash)).toBe(true);
  });

  it("gives every household, collective and streamer a ledger account", async () => {
    expect(await count("select count(*) as n from public.households h where not exists (select 1 from public.ledger_accounts a where a.household_id = h.id)")).toBe(0);
    expect(await count("select count(*) as n from public.ledger_accounts where kind = 'collective'")).toBe(6);
    expect(await count("select count(*) as n from public.ledger_accounts where kind = 'streamer'")).toBe(6);
  });

  it("is idempotent: seeding again changes nothing", async () => {
    const before = await count("select count(*) as n from public.products");
    expect(await seedDemoData(t.db)).toEqual({ seeded: false });
    expect(await count("select count(*) as n from public.products")).toBe(before);
  });
});
