import { versionedImage } from "~/media/asset-versions.server";
import type { Queryable } from "~/db/database.server";
import { pick, type Locale } from "~/i18n/locale";
import { localizeImage, parseProductImages, type LocalizedImage } from "./product-image";

// The visitor's cart. Every call runs inside the request's transaction with the visitor
// claim set, so RLS restricts it to this visitor's own cart.

export type CartLine = {
  productId: string;
  slug: string;
  title: string;
  unit: string;
  /** What checkout charges now: the flash price while the line's session runs a flash sale on it. */
  priceFen: number;
  regularPriceFen: number;
  /** The open flash sale the price comes from, if any (checkout re-checks it). */
  flashSaleId: string | null;
  /** Added under a flash sale that has sold out since: checkout will say sold out. */
  flashSoldOut: boolean;
  quantity: number;
  lineTotalFen: number;
  stock: number;
  perBuyerLimit: number | null;
  image: LocalizedImage | null;
  liveSessionId: string | null;
  coopName: string;
  /** false when the product was withdrawn or is short of stock: checkout will refuse it */
  available: boolean;
};

export type Cart = { lines: CartLine[]; subtotalFen: number; count: number };

export const MAX_LINE_QUANTITY = 99;

/** The cart with titles and names in the request's language. */
export async function getCart(tx: Queryable, locale: Locale): Promise<Cart> {
  const { rows } = await tx.query<{
    product_id: string;
    quantity: number;
    live_session_id: string | null;
    slug: string | null;
    title_zh: string | null;
    title_en: string | null;
    unit: string | null;
    price_fen: number | null;
    flash_sale_id: string | null;
    flash_price_fen: number | null;
    flash_limit: number | null;
    flash_sold_out: boolean;
    stock: number | null;
    per_buyer_limit: number | null;
    images: unknown;
    coop_name_zh: string | null;
    coop_name_en: string | null;
  }>(
    `select ci.product_id, ci.quantity, ci.live_session_id, p.slug, p.title_zh, p.title_en, p.unit, p.price_fen,
            st.stock, p.per_buyer_limit, p.images, c.name_zh as coop_name_zh, c.name_en as coop_name_en,
            f.id as flash_sale_id, f.price_fen::int as flash_price_fen, f.per_buyer_limit as flash_limit,
            (f.id is null and tagged.end_reason = 'sold-out') as flash_sold_out
       from public.cart_items ci
       join public.carts ct on ct.id = ci.cart_id
       left join public.products p on p.id = ci.product_id
       left join public.product_stock st on st.product_id = p.id
       left join public.cooperatives c on c.id = p.cooperative_id
       -- the same open window place_order uses: the session the line came from, live, on this product
       left join public.live_sessions ls on ls.id = ci.live_session_id and ls.status = 'live' and ls.cooperative_id = p.cooperative_id
       left join public.flash_sales f on f.session_id = ls.id and f.product_id = ci.product_id
            and f.ended_at is null and f.starts_at <= now() and now() < f.ends_at
       left join public.flash_sales tagged on tagged.id = ci.flash_sale_id
      order by ci.added_at, ci.product_id`,
  );
  const lines = rows.map((r): CartLine => {
    const visible = r.slug !== null && r.price_fen !== null;
    const regular = r.price_fen ?? 0;
    const price = r.flash_price_fen ?? regular;
    const limit = r.flash_sale_id ? r.flash_limit : r.per_buyer_limit;
    const image = parseProductImages(r.images)[0];
    return {
      productId: r.product_id,
      slug: r.slug ?? "",
      title: pick(locale, r.title_zh ?? "", r.title_en ?? ""),
      unit: r.unit ?? "piece",
      priceFen: price,
      regularPriceFen: regular,
      flashSaleId: r.flash_sale_id,
      flashSoldOut: r.flash_sold_out,
      quantity: r.quantity,
      lineTotalFen: price * r.quantity,
      stock: r.stock ?? 0,
      perBuyerLimit: limit,
      image: image ? versionedImage(localizeImage(image, locale)) : null,
      liveSessionId: r.live_session_id,
      coopName: pick(locale, r.coop_name_zh ?? "", r.coop_name_en ?? ""),
      available: visible && !r.flash_sold_out && (r.stock ?? 0) >= r.quantity && (limit === null || r.quantity <= limit),
    };
  });
  return {
    lines,
    subtotalFen: lines.filter((l) => l.available).reduce((sum, l) => sum + l.lineTotalFen, 0),
    count: lines.reduce((sum, l) => sum + l.quantity, 0),
  };
}

export type CartChange =
  | { ok: true; quantity: number }
  | { ok: false; error: "unavailable" | "sold_out" }
  | { ok: false; error: "not_enough_stock"; available: number }
  | { ok: false; error: "over_limit"; limit: number }
  | { ok: false; error: "too_many"; max: number };

async function ensureCart(tx: Queryable, visitorHash: string): Promise<string> {
  await tx.query("insert into public.carts (visitor_token_hash) values ($1) on conflict (visitor_token_hash) do nothing", [visitorHash]);
  const { rows } = await tx.query<{ id: string }>("select id from public.carts where visitor_token_hash = $1", [visitorHash]);
  return rows[0].id;
}

function checkQuantity(product: { stock: number; per_buyer_limit: number | null }, quantity: number): CartChange {
  if (product.stock <= 0) return { ok: false, error: "sold_out" };
  if (quantity > MAX_LINE_QUANTITY) return { ok: false, error: "too_many", max: MAX_LINE_QUANTITY };
  if (product.per_buyer_limit !== null && quantity > product.per_buyer_limit) {
    return { ok: false, error: "over_limit", limit: product.per_buyer_limit };
  }
  if (quantity > product.stock) return { ok: false, error: "not_enough_stock", available: product.stock };
  return { ok: true, quantity };
}

async function findProduct(tx: Queryable, productId: string) {
  const { rows } = await tx.query<{ id: string; stock: number; per_buyer_limit: number | null; cooperative_id: string }>(
    `select p.id, coalesce(st.stock, 0) as stock, p.per_buyer_limit, p.cooperative_id
       from public.products p left join public.product_stock st on st.product_id = p.id where p.id = $1`,
    [productId],
  );
  return rows[0] ?? null;
}

/** Adds `quantity` units (on top of what is already in the cart), remembering the session. */
export async function addToCart(
  tx: Queryable,
  visitorHash: string,
  input: { productId: string; quantity: number; liveSessionId?: string | null },
): Promise<CartChange> {
  const product = await findProduct(tx, input.productId);
  if (!product) return { ok: false, error: "unavailable" };
  const cartId = await ensureCart(tx, visitorHash);
  const existing = await tx.query<{ quantity: number }>("select quantity from public.cart_items where cart_id = $1 and product_id = $2", [
    cartId,
    input.productId,
  ]);
  const check = checkQuantity(product, (existing.rows[0]?.quantity ?? 0) + input.quantity);
  if (!check.ok) return check;

  // Only a session of this product's cooperative that is live (or just ended) earns the streamer share.
  let sessionId: string | null = null;
  if (input.liveSessionId) {
    const session = await tx.query<{ id: string }>(
      "select id from public.live_sessions where id = $1 and cooperative_id = $2 and status in ('live', 'ended')",
      [input.liveSessionId, product.cooperative_id],
    );
    sessionId = session.rows[0]?.id ?? null;
  }
  await tx.query(
    `insert into public.cart_items (cart_id, product_id, quantity, live_session_id) values ($1, $2, $3, $4)
     on conflict (cart_id, product_id) do update
       set quantity = excluded.quantity,
           live_session_id = coalesce(excluded.live_session_id, public.cart_items.live_session_id)`,
    [cartId, input.productId, check.quantity, sessionId],
  );
  return check;
}

export async function setCartQuantity(tx: Queryable, input: { productId: string; quantity: number }): Promise<CartChange> {
  const product = await findProduct(tx, input.productId);
  if (!product) {
    await removeFromCart(tx, input.productId);
    return { ok: false, error: "unavailable" };
  }
  const check = checkQuantity(product, input.quantity);
  if (!check.ok) return check;
  await tx.query("update public.cart_items set quantity = $2 where product_id = $1", [input.productId, input.quantity]);
  return check;
}

export async function removeFromCart(tx: Queryable, productId: string): Promise<void> {
  await tx.query("delete from public.cart_items where product_id = $1", [productId]);
}
