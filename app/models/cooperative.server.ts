import { versionedAsset } from "~/media/asset-versions.server";
import type { Queryable } from "~/db/database.server";
import { pick, type Locale } from "~/i18n/locale";

// Cooperatives as pages show them: names, places and stories in the request's language only.
export type CooperativeSummary = {
  slug: string;
  name: string;
  village: string;
  province: string;
  heroImage: string | null;
  householdCount: number;
  productCount: number;
};

export type CooperativeDetail = CooperativeSummary & {
  id: string;
  town: string;
  county: string;
  story: string;
  foundedYear: number | null;
  /** the cooperative publishes its income disclosure (/coops/:slug/disclosure) */
  disclosureEnabled: boolean;
  households: { key: string; name: string; members: number }[];
};

type SummaryRow = {
  id: string;
  slug: string;
  name_zh: string;
  name_en: string;
  village_zh: string;
  village_en: string;
  town_zh: string;
  town_en: string;
  county_zh: string;
  county_en: string;
  province_zh: string;
  province_en: string;
  story_zh: string;
  story_en: string;
  founded_year: number | null;
  hero_image: string | null;
  disclosure_enabled: boolean;
  household_count: number;
  product_count: number;
};

const SELECT = `
  select c.id, c.slug, c.name_zh, c.name_en, c.village_zh, c.village_en, c.town_zh, c.town_en,
         c.county_zh, c.county_en, c.province_zh, c.province_en, c.story_zh, c.story_en,
         c.founded_year, c.hero_image, c.disclosure_enabled,
         (select count(*) from public.households h where h.cooperative_id = c.id and h.status = 'active') as household_count,
         (select count(*) from public.products p where p.cooperative_id = c.id) as product_count
    from public.cooperatives c`;

function toSummary(row: SummaryRow, locale: Locale): CooperativeSummary {
  return {
    slug: row.slug,
    name: pick(locale, row.name_zh, row.name_en),
    village: pick(locale, row.village_zh, row.village_en),
    province: pick(locale, row.province_zh, row.province_en),
    heroImage: versionedAsset(row.hero_image),
    householdCount: row.household_count,
    productCount: row.product_count,
  };
}

export async function listCooperatives(q: Queryable, locale: Locale): Promise<CooperativeSummary[]> {
  const { rows } = await q.query<SummaryRow>(`${SELECT} order by c.slug`);
  return rows.map((row) => toSummary(row, locale));
}

export async function listCooperativeOptions(q: Queryable, locale: Locale): Promise<{ slug: string; name: string }[]> {
  const { rows } = await q.query<{ slug: string; name: string }>(
    "select slug, case when $1 = 'zh-CN' then name_zh else name_en end as name from public.cooperatives order by slug",
    [locale],
  );
  return rows;
}

export async function getCooperativeBySlug(q: Queryable, slug: string, locale: Locale): Promise<CooperativeDetail | null> {
  const { rows } = await q.query<SummaryRow>(`${SELECT} where c.slug = $1`, [slug]);
  const row = rows[0];
  if (!row) return null;
  const households = await q.query<{ key: string; name_zh: string; name_en: string; members: number }>(
    `select key, name_zh, name_en, members from public.households
      where cooperative_id = $1 and status = 'active' order by key`,
    [row.id],
  );
  return {
    ...toSummary(row, locale),
    id: row.id,
    town: pick(locale, row.town_zh, row.town_en),
    county: pick(locale, row.county_zh, row.county_en),
    story: pick(locale, row.story_zh, row.story_en),
    foundedYear: row.founded_year,
    disclosureEnabled: row.disclosure_enabled,
    households: households.rows.map((h) => ({ key: h.key, name: pick(locale, h.name_zh, h.name_en), members: h.members })),
  };
}
