import type { Queryable } from "~/db/database.server";

export type CooperativeSummary = {
  slug: string;
  nameZh: string;
  nameEn: string;
  villageZh: string;
  villageEn: string;
  provinceZh: string;
  provinceEn: string;
  heroImage: string | null;
  householdCount: number;
  productCount: number;
};

export type CooperativeDetail = CooperativeSummary & {
  id: string;
  townZh: string;
  townEn: string;
  countyZh: string;
  countyEn: string;
  storyZh: string;
  storyEn: string;
  foundedYear: number | null;
  households: { nameZh: string; nameEn: string; members: number }[];
};

type SummaryRow = {
  id: string; slug: string; name_zh: string; name_en: string; village_zh: string; village_en: string;
  town_zh: string; town_en: string; county_zh: string; county_en: string; province_zh: string;
  province_en: string; story_zh: string; story_en: string; founded_year: number | null;
  hero_image: string | null; household_count: number; product_count: number;
};

const SELECT = `
  select c.id, c.slug, c.name_zh, c.name_en, c.village_zh, c.village_en, c.town_zh, c.town_en,
         c.county_zh, c.county_en, c.province_zh, c.province_en, c.story_zh, c.story_en,
         c.founded_year, c.hero_image,
         (select count(*) from public.households h where h.cooperative_id = c.id and h.status = 'active') as household_count,
         (select count(*) from public.products p where p.cooperative_id = c.id) as product_count
    from public.cooperatives c`;

function toSummary(row: SummaryRow): CooperativeSummary {
  return {
    slug: row.slug, nameZh: row.name_zh, nameEn: row.name_en, villageZh: row.village_zh,
    villageEn: row.village_en, provinceZh: row.province_zh, provinceEn: row.province_en,
    heroImage: row.hero_image, householdCount: row.household_count, productCount: row.product_count,
  };
}

export async function listCooperatives(q: Queryable): Promise<CooperativeSummary[]> {
  const { rows } = await q.query<SummaryRow>(`${SELECT} order by c.slug`);
  return rows.map(toSummary);
}

export async function listCooperativeOptions(q: Queryable): Promise<{ slug: string; nameZh: string; nameEn: string }[]> {
  const { rows } = await q.query<{ slug: string; name_zh: string; name_en: string }>(
    "select slug, name_zh, name_en from public.cooperatives order by slug",
  );
  return rows.map((r) => ({ slug: r.slug, nameZh: r.name_zh, nameEn: r.name_en }));
}

export async function getCooperativeBySlug(q: Queryable, slug: string): Promise<CooperativeDetail | null> {
  const { rows } = await q.query<SummaryRow>(`${SELECT} where c.slug = $1`, [slug]);
  const row = rows[0];
  if (!row) return null;
  const households = await q.query<{ name_zh: string; name_en: string; members: number }>(
    `select name_zh, name_en, members from public.households
      where cooperative_id = $1 and status = 'active' order by key`,
    [row.id],
  );
  return {
    ...toSummary(row),
    id: row.id,
    townZh: row.town_zh, townEn: row.town_en, countyZh: row.county_zh, countyEn: row.county_en,
    storyZh: row.story_zh, storyEn: row.story_en, foundedYear: row.founded_year,
    households: households.rows.map((h) => ({ nameZh: h.name_zh, nameEn: h.name_en, members: h.members })),
  };
}
