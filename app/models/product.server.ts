import { versionedImage } from "~/media/asset-versions.server";
import type { Queryable } from "~/db/database.server";
import type { SplitRule } from "~/domain/split-rule";
import { pick, type Locale } from "~/i18n/locale";
import { localizeImage, parseProductImages, type LocalizedImage } from "./product-image";

// Catalogue reads. Callers pass a transaction already running as the request's role,
// so RLS decides visibility (anon sees active products of active cooperatives).
// Content comes back in the request's language only: pages never ship the other one.

export type ProductSummary = {
  id: string;
  slug: string;
  title: string;
  unit: string;
  priceFen: number;
  stock: number;
  perBuyerLimit: number | null;
  categorySlug: string;
  image: LocalizedImage | null;
  coopSlug: string;
  coopName: string;
  village: string;
};

const SUMMARY_COLUMNS = `
  p.id, p.slug, p.title_zh, p.title_en, p.unit, p.price_fen, coalesce(st.stock, 0) as stock, p.per_buyer_limit,
  p.category_slug, p.images, c.slug as coop_slug, c.name_zh as coop_name_zh,
  c.name_en as coop_name_en, c.village_zh, c.village_en`;

type SummaryRow = {
  id: string;
  slug: string;
  title_zh: string;
  title_en: string;
  unit: string;
  price_fen: number;
  stock: number;
  per_buyer_limit: number | null;
  category_slug: string;
  images: unknown;
  coop_slug: string;
  coop_name_zh: string;
  coop_name_en: string;
  village_zh: string;
  village_en: string;
};

function toSummary(row: SummaryRow, locale: Locale): ProductSummary {
  const image = parseProductImages(row.images)[0];
  return {
    id: row.id,
    slug: row.slug,
    title: pick(locale, row.title_zh, row.title_en),
    unit: row.unit,
    priceFen: row.price_fen,
    stock: row.stock,
    perBuyerLimit: row.per_buyer_limit,
    categorySlug: row.category_slug,
    image: image ? versionedImage(localizeImage(image, locale)) : null,
    coopSlug: row.coop_slug,
    coopName: pick(locale, row.coop_name_zh, row.coop_name_en),
    village: pick(locale, row.village_zh, row.village_en),
  };
}

export type ProductFilters = {
  q?: string;
  category?: string;
  coop?: string;
  inStock?: boolean;
};

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function searchProducts(q: Queryable, filters: ProductFilters, locale: Locale): Promise<ProductSummary[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filters.q) {
    add(
      (n) => `(p.title_zh ilike ${n} or p.title_en ilike ${n} or p.description_zh ilike ${n}
              or p.description_en ilike ${n} or c.name_zh ilike ${n} or c.name_en ilike ${n})`,
      likePattern(filters.q),
    );
  }
  if (filters.category) add((n) => `p.category_slug = ${n}`, filters.category);
  if (filters.coop) add((n) => `c.slug = ${n}`, filters.coop);
  if (filters.inStock) where.push("st.stock > 0");
  const { rows } = await q.query<SummaryRow>(
    `select ${SUMMARY_COLUMNS}
       from public.products p join public.cooperatives c on c.id = p.cooperative_id
       left join public.product_stock st on st.product_id = p.id
      ${where.length ? `where ${where.join(" and ")}` : ""}
      order by (coalesce(st.stock, 0) > 0) desc, p.featured desc, c.slug, p.slug`,
    params,
  );
  return rows.map((row) => toSummary(row, locale));
}

export async function listFeaturedProducts(q: Queryable, locale: Locale, limit = 8): Promise<ProductSummary[]> {
  const { rows } = await q.query<SummaryRow>(
    `select ${SUMMARY_COLUMNS}
       from public.products p join public.cooperatives c on c.id = p.cooperative_id
       left join public.product_stock st on st.product_id = p.id
      where p.featured
      order by (coalesce(st.stock, 0) > 0) desc, c.slug, p.slug
      limit $1`,
    [limit],
  );
  return rows.map((row) => toSummary(row, locale));
}

export async function listProductsForCoop(q: Queryable, coopSlug: string, locale: Locale): Promise<ProductSummary[]> {
  return searchProducts(q, { coop: coopSlug }, locale);
}

export async function listSessionProducts(q: Queryable, sessionId: string, locale: Locale): Promise<ProductSummary[]> {
  const { rows } = await q.query<SummaryRow>(
    `select ${SUMMARY_COLUMNS}
       from public.live_session_products sp
       join public.products p on p.id = sp.product_id
       join public.cooperatives c on c.id = p.cooperative_id
       left join public.product_stock st on st.product_id = p.id
      where sp.session_id = $1
      order by sp.position, p.slug`,
    [sessionId],
  );
  return rows.map((row) => toSummary(row, locale));
}

export type ProductDetail = ProductSummary & {
  description: string;
  images: LocalizedImage[];
  household: { name: string; headName: string; members: number } | null;
  coop: { slug: string; name: string; village: string; county: string; province: string; story: string };
  /** The rule in force: the product's override, else the cooperative default. */
  splitRule: SplitRule | null;
};

export async function getProductBySlug(q: Queryable, slug: string, locale: Locale): Promise<ProductDetail | null> {
  const { rows } = await q.query<
    SummaryRow & {
      description_zh: string;
      description_en: string;
      h_name_zh: string | null;
      h_name_en: string | null;
      h_head_zh: string | null;
      h_head_en: string | null;
      h_members: number | null;
      county_zh: string;
      county_en: string;
      province_zh: string;
      province_en: string;
      story_zh: string;
      story_en: string;
      household_bp: number | null;
      collective_bp: number | null;
      streamer_bp: number | null;
      platform_bp: number | null;
    }
  >(
    `select ${SUMMARY_COLUMNS}, p.description_zh, p.description_en,
            h.name_zh as h_name_zh, h.name_en as h_name_en, h.head_name_zh as h_head_zh,
            h.head_name_en as h_head_en, h.members as h_members,
            c.county_zh, c.county_en, c.province_zh, c.province_en, c.story_zh, c.story_en,
            r.household_bp, r.collective_bp, r.streamer_bp, r.platform_bp
       from public.products p
       join public.cooperatives c on c.id = p.cooperative_id
       left join public.product_stock st on st.product_id = p.id
       left join public.households h on h.id = p.household_id
       left join lateral (
         select household_bp, collective_bp, streamer_bp, platform_bp
           from public.split_rules s
          where s.cooperative_id = p.cooperative_id and (s.product_id = p.id or s.product_id is null)
          order by s.product_id nulls last
          limit 1
       ) r on true
      where p.slug = $1`,
    [slug],
  );
  const row = rows[0];
  if (!row) return null;
  const summary = toSummary(row, locale);
  return {
    ...summary,
    description: pick(locale, row.description_zh, row.description_en),
    images: parseProductImages(row.images).map((image) => versionedImage(localizeImage(image, locale))),
    household: row.h_name_zh
      ? {
          name: pick(locale, row.h_name_zh, row.h_name_en ?? ""),
          headName: pick(locale, row.h_head_zh ?? "", row.h_head_en ?? ""),
          members: row.h_members ?? 1,
        }
      : null,
    coop: {
      slug: row.coop_slug,
      name: summary.coopName,
      village: summary.village,
      county: pick(locale, row.county_zh, row.county_en),
      province: pick(locale, row.province_zh, row.province_en),
      story: pick(locale, row.story_zh, row.story_en),
    },
    splitRule:
      row.household_bp === null
        ? null
        : {
            household: row.household_bp,
            collective: row.collective_bp ?? 0,
            streamer: row.streamer_bp ?? 0,
            platform: row.platform_bp ?? 0,
          },
  };
}

/** Titles of the given products, e.g. to name the ones a checkout was refused for. */
export async function getProductTitles(q: Queryable, ids: string[], locale: Locale): Promise<string[]> {
  const { rows } = await q.query<{ title: string }>(
    "select case when $2 = 'zh-CN' then title_zh else title_en end as title from public.products where id = any($1::uuid[]) order by 1",
    [ids, locale],
  );
  return rows.map((r) => r.title);
}
