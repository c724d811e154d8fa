import { randomBytes } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import type { Database, Queryable } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";
import { demoCooperatives } from "./demo-catalog";
import { insertReplayPins } from "./demo-replay-pins";
import type { DemoCooperative } from "./demo-catalog.types";
import { demoSessionTimes } from "./demo-session-times";
import { demoSessionPoster, demoSessions, SAMPLE_LIVE_PLAYBACK, SAMPLE_REPLAY_PLAYBACK, SUPERSEDED_PLAYBACK } from "./demo-sessions";
import { stableUuid } from "./stable-uuid";

// Demo data for an empty database. Deterministic ids (stableUuid) and
// `on conflict do nothing` make it idempotent; it runs as service_role (privileged).
// On a database already seeded it changes one thing only: media URLs an older seed wrote as
// placeholders become the sample stream's (a URL anyone set since is left alone).

export const DEMO_PASSWORD = "harvest-demo";

export const demoCategories = [
  { slug: "rice", zh: "大米", en: "Rice", sort: 1 },
  { slug: "grains", zh: "杂粮", en: "Grains & beans", sort: 2 },
  { slug: "fungi", zh: "菌菇", en: "Fungi", sort: 3 },
  { slug: "fruit", zh: "水果", en: "Fruit", sort: 4 },
  { slug: "vegetables", zh: "蔬菜", en: "Vegetables", sort: 5 },
  { slug: "meat", zh: "肉类", en: "Meat", sort: 6 },
] as const;

export const ids = {
  cooperative: (slug: string) => stableUuid(`coop:${slug}`),
  household: (coop: string, key: string) => stableUuid(`household:${coop}:${key}`),
  product: (slug: string) => stableUuid(`product:${slug}`),
  user: (email: string) => stableUuid(`user:${email}`),
  session: (key: string) => stableUuid(`session:${key}`),
};

export type SeedResult = { seeded: boolean };

export async function seedDemoData(db: Database, options: { now?: Date } = {}): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return asServiceRole(db, async (tx) => {
    const { rows } = await tx.query<{ present: boolean }>("select exists (select 1 from public.cooperatives) as present");
    if (rows[0].present) {
      await replaceSupersededPlayback(tx);
      return { seeded: false };
    }

    await insertCategories(tx);
    for (const coop of demoCooperatives) await insertCooperative(tx, coop);
    await insertUsers(tx, passwordHash);
    await insertSessions(tx, now);
    await insertReplayPins(tx);
    return { seeded: true };
  });
}

async function replaceSupersededPlayback(tx: Queryable) {
  for (const { column, from, to } of SUPERSEDED_PLAYBACK) {
    await tx.query(`update public.live_sessions set ${column} = $2 where ${column} = $1`, [from, to]);
  }
}

async function insertCategories(tx: Queryable) {
  for (const c of demoCategories) {
    await tx.query(
      `insert into public.categories (slug, name_zh, name_en, sort_order) values ($1, $2, $3, $4)
       on conflict (slug) do nothing`,
      [c.slug, c.zh, c.en, c.sort],
    );
  }
}

async function insertCooperative(tx: Queryable, coop: DemoCooperative) {
  const coopId = ids.cooperative(coop.slug);
  await tx.query(
    `insert into public.cooperatives (id, slug, name_zh, name_en, village_zh, village_en, town_zh, town_en,
       county_zh, county_en, province_zh, province_en, story_zh, story_en, founded_year, hero_image)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) on conflict (id) do nothing`,
    [
      coopId,
      coop.slug,
      coop.nameZh,
      coop.nameEn,
      coop.villageZh,
      coop.villageEn,
      coop.townZh,
      coop.townEn,
      coop.countyZh,
      coop.countyEn,
      coop.provinceZh,
      coop.provinceEn,
      coop.storyZh,
      coop.storyEn,
      coop.foundedYear,
      `/images/coops/${coop.slug}.svg`,
    ],
  );
  const split = coop.defaultSplit;
  await tx.query(
    `insert into public.split_rules (id, cooperative_id, product_id, household_bp, collective_bp, streamer_bp, platform_bp)
     values ($1, $2, null, $3, $4, $5, $6) on conflict do nothing`,
    [stableUuid(`split:${coop.slug}`), coopId, split.household, split.collective, split.streamer, split.platform],
  );
  await tx.query(`insert into public.ledger_accounts (id, kind, cooperative_id) values ($1, 'collective', $2) on conflict do nothing`, [
    stableUuid(`account:collective:${coop.slug}`),
    coopId,
  ]);

  for (const h of coop.households) {
    const householdId = ids.household(coop.slug, h.key);
    await tx.query(
      `insert into public.households (id, cooperative_id, key, name_zh, name_en, head_name_zh, head_name_en, members)
       values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict (id) do nothing`,
      [householdId, coopId, h.key, h.nameZh, h.nameEn, h.headNameZh, h.headNameEn, h.members],
    );
    await tx.query(
      `insert into public.ledger_accounts (id, kind, cooperative_id, household_id)
       values ($1, 'household', $2, $3) on conflict do nothing`,
      [stableUuid(`account:household:${coop.slug}:${h.key}`), coopId, householdId],
    );
  }

  for (const p of coop.products) {
    const productId = ids.product(p.slug);
    const images = [{ src: `/images/products/${p.image}.svg`, width: 800, height: 600, alt_zh: p.imageAltZh, alt_en: p.imageAltEn }];
    await tx.query(
      `insert into public.products (id, cooperative_id, household_id, slug, title_zh, title_en, description_zh,
         description_en, category_slug, unit, price_fen, per_buyer_limit, images, status, featured)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::jsonb,'active',$14) on conflict (id) do nothing`,
      [
        productId,
        coopId,
        p.household ? ids.household(coop.slug, p.household) : null,
        p.slug,
        p.titleZh,
        p.titleEn,
        p.descriptionZh,
        p.descriptionEn,
        p.category,
        p.unit,
        p.priceFen,
        p.perBuyerLimit,
        JSON.stringify(images),
        p.featured,
      ],
    );
    await tx.query("insert into public.product_stock (product_id, stock) values ($1, $2) on conflict (product_id) do nothing", [
      productId,
      p.stock,
    ]);
    if (p.splitOverride) {
      const o = p.splitOverride;
      await tx.query(
        `insert into public.split_rules (id, cooperative_id, product_id, household_bp, collective_bp, streamer_bp, platform_bp)
         values ($1,$2,$3,$4,$5,$6,$7) on conflict do nothing`,
        [stableUuid(`split:product:${p.slug}`), coopId, productId, o.household, o.collective, o.streamer, o.platform],
      );
    }
  }
}

type DemoUser = { email: string; name: string; platformAdmin?: boolean; coop?: string; role?: "admin" | "streamer" };

export function demoUsers(): DemoUser[] {
  const users: DemoUser[] = [{ email: "admin@platform.demo", name: "Platform admin", platformAdmin: true }];
  for (const coop of demoCooperatives) {
    users.push({ email: `admin@${coop.slug}.demo`, name: `${coop.villageEn} admin`, coop: coop.slug, role: "admin" });
    users.push({ email: `admin2@${coop.slug}.demo`, name: `${coop.villageEn} admin 2`, coop: coop.slug, role: "admin" });
    users.push({ email: `host@${coop.slug}.demo`, name: `${coop.villageEn} host`, coop: coop.slug, role: "streamer" });
  }
  return users;
}

async function insertUsers(tx: Queryable, passwordHash: string) {
  for (const u of demoUsers()) {
    const userId = ids.user(u.email);
    await tx.query(`insert into auth.users (id, email) values ($1, $2) on conflict do nothing`, [userId, u.email]);
    await tx.query(`insert into public.profiles (id, email, display_name, is_platform_admin) values ($1,$2,$3,$4) on conflict do nothing`, [
      userId,
      u.email,
      u.name,
      u.platformAdmin ?? false,
    ]);
    await tx.query(`insert into app_private.local_credentials (user_id, password_hash) values ($1, $2) on conflict do nothing`, [
      userId,
      passwordHash,
    ]);
    if (u.coop && u.role) {
      const coopId = ids.cooperative(u.coop);
      await tx.query(`insert into public.memberships (user_id, cooperative_id, role) values ($1,$2,$3) on conflict do nothing`, [
        userId,
        coopId,
        u.role,
      ]);
      if (u.role === "streamer") {
        await tx.query(
          `insert into public.ledger_accounts (id, kind, cooperative_id, user_id) values ($1,'streamer',$2,$3)
           on conflict do nothing`,
          [stableUuid(`account:streamer:${u.coop}:${u.email}`), coopId, userId],
        );
      }
    }
  }
}

async function insertSessions(tx: Queryable, now: Date) {
  for (const s of demoSessions) {
    const coop = demoCooperatives.find((c) => c.slug === s.coopSlug);
    if (!coop) throw new Error(`demo session ${s.key} names unknown cooperative ${s.coopSlug}`);
    const sessionId = ids.session(s.key);
    const { start, end: ended } = demoSessionTimes(now, s.status, s.start, s.durationMinutes);
    const pinned = s.status === "live" && s.pinnedProductIndex !== undefined ? ids.product(coop.products[s.pinnedProductIndex].slug) : null;
    await tx.query(
      `insert into public.live_sessions (id, cooperative_id, host_user_id, title_zh, title_en, description_zh,
         description_en, status, scheduled_start, started_at, ended_at, playback_url, replay_url, poster_image, pinned_product_id)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) on conflict (id) do nothing`,
      [
        sessionId,
        ids.cooperative(coop.slug),
        ids.user(`host@${coop.slug}.demo`),
        s.titleZh,
        s.titleEn,
        s.descriptionZh,
        s.descriptionEn,
        s.status,
        start,
        s.status === "scheduled" ? null : start,
        ended,
        s.status === "live" ? SAMPLE_LIVE_PLAYBACK : null,
        s.status === "ended" ? SAMPLE_REPLAY_PLAYBACK : null,
        demoSessionPoster(s.key),
        pinned,
      ],
    );
    await tx.query(`insert into public.live_session_secrets (session_id, stream_key) values ($1, $2) on conflict do nothing`, [
      sessionId,
      randomBytes(24).toString("base64url"),
    ]);
    for (const [position, product] of coop.products.entries()) {
      await tx.query(
        `insert into public.live_session_products (session_id, product_id, position) values ($1,$2,$3) on conflict do nothing`,
        [sessionId, ids.product(product.slug), position],
      );
    }
  }
}
