import { randomBytes } from "node:crypto";
import type { Queryable } from "~/db/database.server";
import { pick, type Locale } from "~/i18n/locale";
import { parseProductImages, type ProductImage } from "../product-image";

// Products as their cooperative's admins manage them (every status, stock, grower). The
// list is in the request's language; the edit form (EditableProduct) has both, as it edits both.
export type AdminProductRow = {
  id: string;
  slug: string;
  title: string;
  priceFen: number;
  stock: number;
  unit: string;
  status: "draft" | "active" | "archived";
  householdName: string | null;
  hasOverride: boolean;
};

export async function listCoopProducts(tx: Queryable, coopId: string, locale: Locale): Promise<AdminProductRow[]> {
  const { rows } = await tx.query<{
    id: string;
    slug: string;
    title_zh: string;
    title_en: string;
    price_fen: number;
    stock: number | null;
    unit: string;
    status: AdminProductRow["status"];
    h_zh: string | null;
    h_en: string | null;
    has_override: boolean;
  }>(
    `select p.id, p.slug, p.title_zh, p.title_en, p.price_fen, s.stock, p.unit, p.status,
            h.name_zh as h_zh, h.name_en as h_en,
            exists (select 1 from public.split_rules r where r.product_id = p.id) as has_override
       from public.products p
       left join public.product_stock s on s.product_id = p.id
       left join public.households h on h.id = p.household_id
      where p.cooperative_id = $1
      order by case p.status when 'active' then 0 when 'draft' then 1 else 2 end, p.title_en`,
    [coopId],
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: pick(locale, r.title_zh, r.title_en),
    priceFen: r.price_fen,
    stock: r.stock ?? 0,
    unit: r.unit,
    status: r.status,
    householdName: r.h_zh === null ? null : pick(locale, r.h_zh, r.h_en ?? ""),
    hasOverride: r.has_override,
  }));
}

export type ProductInput = {
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  categorySlug: string;
  unit: string;
  priceFen: number;
  stock: number;
  perBuyerLimit: number | null;
  householdId: string | null;
  /** the stock shown when the form was opened (edits apply as a change from it) */
  stockSeen?: number;
  status: "draft" | "active" | "archived";
  featured: boolean;
};

export type EditableProduct = ProductInput & { id: string; slug: string; images: ProductImage[] };

export async function getEditableProduct(tx: Queryable, coopId: string, productId: string): Promise<EditableProduct | null> {
  const { rows } = await tx.query<{
    id: string;
    slug: string;
    title_zh: string;
    title_en: string;
    description_zh: string;
    description_en: string;
    category_slug: string;
    unit: string;
    price_fen: number;
    stock: number | null;
    per_buyer_limit: number | null;
    household_id: string | null;
    status: ProductInput["status"];
    featured: boolean;
    images: unknown;
  }>(
    `select p.id, p.slug, p.title_zh, p.title_en, p.description_zh, p.description_en, p.category_slug, p.unit,
            p.price_fen, s.stock, p.per_buyer_limit, p.household_id, p.status, p.featured, p.images
       from public.products p left join public.product_stock s on s.product_id = p.id
      where p.id = $1 and p.cooperative_id = $2`,
    [productId, coopId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    slug: r.slug,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    descriptionZh: r.description_zh,
    descriptionEn: r.description_en,
    categorySlug: r.category_slug,
    unit: r.unit,
    priceFen: r.price_fen,
    stock: r.stock ?? 0,
    perBuyerLimit: r.per_buyer_limit,
    householdId: r.household_id,
    status: r.status,
    featured: r.featured,
    images: parseProductImages(r.images),
  };
}

function slugFrom(title: string): string {
  const base = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${base || "product"}-${randomBytes(3).toString("hex")}`;
}

/** The grower must be an active household of this cooperative (the database also checks membership). */
async function assertHousehold(tx: Queryable, coopId: string, householdId: string | null): Promise<boolean> {
  if (!householdId) return true;
  const { rowCount } = await tx.query("select 1 from public.households where id = $1 and cooperative_id = $2 and status = 'active'", [
    householdId,
    coopId,
  ]);
  return rowCount === 1;
}

export type ProductWrite = { ok: true; id: string } | { ok: false; error: ProductWriteError };
export type ProductWriteError = "household" | "category" | "stock";

/** The cap the database enforces on a product's stock (product_stock_at_most_a_million). */
export const MAX_STOCK = 1_000_000;

async function assertCategory(tx: Queryable, slug: string): Promise<boolean> {
  return (await tx.query("select 1 from public.categories where slug = $1", [slug])).rowCount === 1;
}

export async function createProduct(
  tx: Queryable,
  coopId: string,
  input: ProductInput,
  images: ProductImage[] = [],
): Promise<ProductWrite> {
  if (!(await assertHousehold(tx, coopId, input.householdId))) return { ok: false, error: "household" };
  if (!(await assertCategory(tx, input.categorySlug))) return { ok: false, error: "category" };
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.products (cooperative_id, household_id, slug, title_zh, title_en, description_zh, description_en,
       category_slug, unit, price_fen, per_buyer_limit, images, status, featured)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14) returning id`,
    [
      coopId,
      input.householdId,
      slugFrom(input.titleEn),
      input.titleZh,
      input.titleEn,
      input.descriptionZh,
      input.descriptionEn,
      input.categorySlug,
      input.unit,
      input.priceFen,
      input.perBuyerLimit,
      JSON.stringify(images),
      input.status,
      input.featured,
    ],
  );
  await tx.query("insert into public.product_stock (product_id, stock) values ($1, $2)", [rows[0].id, input.stock]);
  return { ok: true, id: rows[0].id };
}

export async function updateProduct(
  tx: Queryable,
  coopId: string,
  productId: string,
  input: ProductInput,
  images?: ProductImage[],
): Promise<ProductWrite | null> {
  if (!(await assertHousehold(tx, coopId, input.householdId))) return { ok: false, error: "household" };
  if (!(await assertCategory(tx, input.categorySlug))) return { ok: false, error: "category" };
  // Another cooperative's product (or none): nothing is written. The row lock serialises
  // two admins saving the same product.
  const exists = await tx.query("select 1 from public.products where id = $1 and cooperative_id = $2 for update", [productId, coopId]);
  if (exists.rowCount === 0) return null;
  // The admin edits the stock they saw on the page; orders placed meanwhile must not be
  // undone by saving (units would sell twice). So the change applies as a delta on top of
  // what the stock is now (without a seen value — API callers — it is absolute). Stock is
  // written first and only if the result, plus the units unpaid orders hold (they come
  // back when those orders expire), stays within the cap the database enforces; a refused
  // edit therefore changes nothing, and one statement decides, so no concurrent sale,
  // expiry or refund can slip in between the check and the write.
  const delta = input.stockSeen === undefined ? null : input.stock - input.stockSeen;
  const stock = await tx.query(
    `with reserved as (
       select coalesce(sum(oi.quantity), 0)::int as units from public.order_items oi
         join public.orders o on o.id = oi.order_id
        where oi.product_id = $1 and o.status = 'pending_payment')
     insert into public.product_stock (product_id, stock)
     select $1, $2 where $2::int + (select units from reserved) <= $4
     on conflict (product_id) do update
       set stock = case when $3::int is null then excluded.stock else greatest(0, public.product_stock.stock + $3::int) end,
           updated_at = now()
       where (case when $3::int is null then excluded.stock else greatest(0, public.product_stock.stock + $3::int) end)
             + (select units from reserved) <= $4`,
    [productId, input.stock, delta, MAX_STOCK],
  );
  if (stock.rowCount === 0) return { ok: false, error: "stock" };
  await tx.query(
    `update public.products set household_id = $3, title_zh = $4, title_en = $5, description_zh = $6, description_en = $7,
            category_slug = $8, unit = $9, price_fen = $10, per_buyer_limit = $11, status = $12, featured = $13,
            images = coalesce($14::jsonb, images), updated_at = now()
      where id = $2 and cooperative_id = $1`,
    [
      coopId,
      productId,
      input.householdId,
      input.titleZh,
      input.titleEn,
      input.descriptionZh,
      input.descriptionEn,
      input.categorySlug,
      input.unit,
      input.priceFen,
      input.perBuyerLimit,
      input.status,
      input.featured,
      images ? JSON.stringify(images) : null,
    ],
  );
  return { ok: true, id: productId };
}
