import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { shanghaiLocalTime } from "~/seed/demo-session-times";
import { prepareDatabase } from "~/db/prepare-database.server";
import { DEMO_PASSWORD, ids, seedDemoData } from "~/seed/seed.server";
import { TEST_SEED_NOW } from "../setup/snapshot-key";
import { Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

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

  it("places every cooperative in its real village, town and county in Liaoning", async () => {
    const { rows } = await t.db.query<Record<string, string>>(
      `select slug, village_zh, village_en, town_zh, town_en, county_zh, county_en, province_zh, province_en
         from public.cooperatives order by slug`,
    );
    const place = (village_zh: string, village_en: string, town_zh: string, town_en: string, county_zh: string, county_en: string) => ({
      village_zh,
      village_en,
      town_zh,
      town_en,
      county_zh,
      county_en,
      province_zh: "辽宁省",
      province_en: "Liaoning",
    });
    expect(Object.fromEntries(rows.map(({ slug, ...rest }) => [slug, rest]))).toEqual({
      daguliu: place(
        "大古柳村",
        "Daguliu Village",
        "兴隆台街道",
        "Xinglongtai Subdistrict",
        "沈阳市沈北新区",
        "Shenbei New District, Shenyang",
      ),
      dongsheng: place(
        "东升村",
        "Dongsheng Village",
        "东升满族蒙古族乡",
        "Dongsheng Manchu and Mongol Ethnic Township",
        "沈阳市康平县",
        "Kangping County, Shenyang",
      ),
      huangjiuguan: place("黄酒馆村", "Huangjiuguan Village", "金家镇", "Jinjia Town", "铁岭市昌图县", "Changtu County, Tieling"),
      laohutou: place("老虎头村", "Laohutou Village", "庆云堡镇", "Qingyunpu Town", "铁岭市开原市", "Kaiyuan City, Tieling"),
      liujiawobao: place(
        "刘家窝堡村",
        "Liujiawobao Village",
        "二牛所口镇",
        "Erniusuokou Town",
        "沈阳市康平县",
        "Kangping County, Shenyang",
      ),
      zhengjia: place("郑家村", "Zhengjia Village", "后安镇", "Hou'an Town", "抚顺市抚顺县", "Fushun County, Fushun"),
    });
  });

  it("names the cooperatives the report names, with the founding years it gives", async () => {
    const { rows } = await t.db.query<{ slug: string; name_zh: string; founded_year: number; story_en: string; story_zh: string }>(
      "select slug, name_zh, founded_year, story_zh, story_en from public.cooperatives order by slug",
    );
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    expect(bySlug.get("dongsheng")).toMatchObject({ name_zh: "康平县龙旭种植专业合作社", founded_year: 2016 });
    expect(bySlug.get("huangjiuguan")).toMatchObject({ name_zh: "黄酒馆村绿色生态养殖合作社", founded_year: 2018 });
    for (const r of rows) {
      expect(r.story_en, r.slug).toMatch(/illustrative demo content/);
      expect(r.story_zh, r.slug).toMatch(/演示/);
    }
  });

  it("sells what each village produces according to the report", async () => {
    const { rows } = await t.db.query<{ slug: string; categories: string[] }>(
      `select c.slug, array_agg(distinct p.category_slug order by p.category_slug) as categories
         from public.products p join public.cooperatives c on c.id = p.cooperative_id group by c.slug order by c.slug`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.slug, r.categories]))).toEqual({
      daguliu: ["fruit", "rice", "vegetables"],
      dongsheng: ["grains"],
      huangjiuguan: ["meat"],
      laohutou: ["fruit", "vegetables"],
      liujiawobao: ["grains", "meat", "vegetables"],
      zhengjia: ["fungi"],
    });
  });

  it("has a live, an upcoming and a replay session", async () => {
    expect(
      await count("select count(*) as n from public.live_sessions where status = 'live' and playback_url is not null"),
    ).toBeGreaterThanOrEqual(1);
    expect(await count("select count(*) as n from public.live_sessions where status = 'scheduled'")).toBeGreaterThanOrEqual(1);
    expect(
      await count("select count(*) as n from public.live_sessions where status = 'ended' and replay_url is not null"),
    ).toBeGreaterThanOrEqual(1);
  });

  it("schedules upcoming sessions in the future at daytime or evening hours in Asia/Shanghai", async () => {
    const { rows } = await t.db.query<{ scheduled_start: Date }>(
      "select scheduled_start from public.live_sessions where status = 'scheduled'",
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const { scheduled_start } of rows) {
      expect(scheduled_start.getTime()).toBeGreaterThan(TEST_SEED_NOW.getTime());
      const local = shanghaiLocalTime(scheduled_start);
      expect(local >= "08:00" && local <= "21:59", `starts at ${local}`).toBe(true);
    }
    const live = await t.db.query<{ started_at: Date }>("select started_at from public.live_sessions where status = 'live'");
    expect(live.rows.every((r) => r.started_at.getTime() < TEST_SEED_NOW.getTime())).toBe(true);
    const ended = await t.db.query<{ started_at: Date; ended_at: Date }>(
      "select started_at, ended_at from public.live_sessions where status = 'ended'",
    );
    expect(ended.rows.every((r) => r.started_at < r.ended_at && r.ended_at.getTime() <= TEST_SEED_NOW.getTime())).toBe(true);
  });

  it("gives every session its own poster, and the poster file exists", async () => {
    const { rows } = await t.db.query<{ poster_image: string }>("select poster_image from public.live_sessions");
    expect(new Set(rows.map((r) => r.poster_image)).size).toBe(rows.length);
    for (const { poster_image } of rows) {
      expect(poster_image).toMatch(/^\/images\/sessions\/[a-z0-9-]+\.svg$/);
      expect(existsSync(path.join("public", poster_image)), poster_image).toBe(true);
    }
  });

  it("creates the demo users with the demo password and their roles", async () => {
    const { rows } = await t.db.query<{ email: string; password_hash: string; roles: string[] | null; is_platform_admin: boolean }>(
      `select p.email, c.password_hash, p.is_platform_admin,
              (select array_agg(m.role || '@' || co.slug order by m.role) from public.memberships m
                 join public.cooperatives co on co.id = m.cooperative_id where m.user_id = p.id) as roles
         from public.profiles p join app_private.local_credentials c on c.user_id = p.id order by p.email`,
    );
    expect(rows).toHaveLength(19); // platform admin + per cooperative: admin, admin2, host
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(byEmail.get("admin@zhengjia.demo")?.roles).toEqual(["admin@zhengjia"]);
    for (const slug of ["daguliu", "dongsheng", "huangjiuguan", "laohutou", "liujiawobao", "zhengjia"]) {
      expect(byEmail.get(`admin2@${slug}.demo`)?.roles).toEqual([`admin@${slug}`]);
      expect(byEmail.get(`admin2@${slug}.demo`)?.is_platform_admin).toBe(false);
    }
    expect(await verifyPassword(DEMO_PASSWORD, byEmail.get("admin2@daguliu.demo")!.password_hash)).toBe(true);
    expect(byEmail.get("host@daguliu.demo")?.roles).toEqual(["streamer@daguliu"]);
    expect(byEmail.get("admin@platform.demo")?.is_platform_admin).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD, rows[0].password_hash)).toBe(true);
  });

  it("gives every household, collective and streamer a ledger account", async () => {
    expect(
      await count(
        "select count(*) as n from public.households h where not exists (select 1 from public.ledger_accounts a where a.household_id = h.id)",
      ),
    ).toBe(0);
    expect(await count("select count(*) as n from public.ledger_accounts where kind = 'collective'")).toBe(6);
    expect(await count("select count(*) as n from public.ledger_accounts where kind = 'streamer'")).toBe(6);
  });
});

// The server seeds on every start, so the seed must be a no-op on a database people have used.
describe("demo seed on a database in use", () => {
  /** Every row of every table, fingerprinted per table: any insert, update or delete shows. */
  async function fingerprint(): Promise<Record<string, string>> {
    const { rows: tables } = await t.db.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
        where table_schema in ('public', 'app_private', 'auth') and table_type = 'BASE TABLE' order by 1`,
    );
    const entries = [];
    for (const { name } of tables) {
      const { rows } = await t.db.query<{ rows: number; digest: string | null }>(
        `select count(*)::int as rows, md5(string_agg(to_jsonb(x)::text, ',' order by to_jsonb(x)::text)) as digest from ${name} x`,
      );
      entries.push([name, `${rows[0].rows}:${rows[0].digest ?? "-"}`]);
    }
    return Object.fromEntries(entries);
  }

  it("runs twice after orders, carts and admin edits, and duplicates or overwrites nothing", async () => {
    const context = testContext(t.db);
    const FUNGUS = ids.product("zhengjia-black-fungus-250g");
    const RICE = ids.product("daguliu-rice-5kg");
    const buyer = new Shopper(context);
    await buyer.add(FUNGUS, 2);
    const orderId = await buyer.placeOrder();
    expect((await buyer.pay(orderId)).status).toBe(302);
    await new Shopper(context).add(RICE, 1); // a cart left open
    await t.db.query("update public.product_stock set stock = 7 where product_id = $1", [RICE]);
    await t.db.query("update public.products set price_fen = 4321 where id = $1", [FUNGUS]);
    await t.db.query(
      "update public.split_rules set household_bp = 6000, collective_bp = 2500 where cooperative_id = $1 and product_id is null",
      [ids.cooperative("zhengjia")],
    );
    await t.db.query("update public.households set name_en = 'Renamed household' where cooperative_id = $1", [
      ids.cooperative("dongsheng"),
    ]);
    await t.db.query("update public.live_sessions set status = 'ended', ended_at = now() where status = 'live'");
    const before = await fingerprint();
    expect(Number(before["public.orders"].split(":")[0])).toBeGreaterThan(0);
    expect(Number(before["public.cart_items"].split(":")[0])).toBeGreaterThan(0);

    // As a restart runs it (migrate, then seed), then again a day later: session times depend on `now`.
    expect(await prepareDatabase(t.db, { DEMO_DATA: "on" })).toMatchObject({ seeded: false, migrations: { applied: [] } });
    expect(await seedDemoData(t.db, { now: new Date(TEST_SEED_NOW.getTime() + 86_400_000) })).toEqual({ seeded: false });

    expect(await fingerprint()).toEqual(before);
    const stock = await t.db.query<{ stock: number }>("select stock from public.product_stock where product_id = $1", [RICE]);
    expect(stock.rows[0].stock).toBe(7);
    const order = await t.db.query<{ status: string }>("select status from public.orders where id = $1", [orderId]);
    expect(order.rows[0].status).toBe("paid");
  });

  it("points sessions still on an older seed's placeholder media at the sample stream, once, and leaves other URLs alone", async () => {
    const live = ids.session("liujiawobao-autumn-harvest-live");
    const replay = ids.session("zhengjia-fungus-drying-replay");
    const otherReplay = ids.session("huangjiuguan-beef-cuts-replay");
    await t.db.query("update public.live_sessions set playback_url = '/media/sample/live.m3u8' where id = $1", [live]);
    await t.db.query("update public.live_sessions set replay_url = '/media/sample/replay.m3u8' where id = $1", [replay]);
    await t.db.query("update public.live_sessions set replay_url = 'https://cdn.example/beef.m3u8' where id = $1", [otherReplay]);

    expect(await seedDemoData(t.db)).toEqual({ seeded: false });
    const urls = async (id: string) =>
      (
        await t.db.query<{ playback_url: string | null; replay_url: string | null }>(
          "select playback_url, replay_url from public.live_sessions where id = $1",
          [id],
        )
      ).rows[0];
    expect((await urls(live)).playback_url).toBe("/hls/sample-live/master.m3u8");
    expect((await urls(replay)).replay_url).toBe("/media/sample/master.m3u8");
    expect((await urls(otherReplay)).replay_url).toBe("https://cdn.example/beef.m3u8");
    expect(existsSync("public/media/sample/master.m3u8")).toBe(true);

    const before = await fingerprint();
    expect(await seedDemoData(t.db)).toEqual({ seeded: false });
    expect(await fingerprint()).toEqual(before);
  });
});
