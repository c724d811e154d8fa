import type { Queryable } from "~/db/database.server";
import type { FlashEndReason, FlashSale } from "~/domain/flash-sale";
import { isUuid } from "~/domain/uuid";

// Flash sales of a live session. Starting and ending are one database call each
// (public.start_flash_sale / end_flash_sale: the session's host or an admin of its
// cooperative, on the pinned product); the price, the allotment and the per-buyer limit are
// enforced where orders are placed (public.place_order). After the transaction commits, hand
// the eventId to the realtime port's announce, as for pins.

export type FlashStartInput = {
  productId: string;
  priceFen: number;
  units: number;
  perBuyerLimit: number | null;
  durationSeconds: number;
};

export type FlashRefusal =
  | "unknown_session"
  | "not_live"
  | "not_pinned"
  | "price_not_lower"
  | "bad_units"
  | "not_enough_stock"
  | "bad_limit"
  | "bad_duration"
  | "flash_running";

export type FlashStartResult = { ok: true; flashSaleId: string; eventId: number } | { ok: false; reason: FlashRefusal; stock?: number };

export type FlashEndResult = { ok: true; eventId: number | null } | { ok: false; reason: "unknown_session" };

type Raw = { ok: boolean; reason?: string; flashSaleId?: string; eventId?: number | null; stock?: number };

export async function startFlashSale(tx: Queryable, sessionId: string, input: FlashStartInput): Promise<FlashStartResult> {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" };
  if (!isUuid(input.productId)) return { ok: false, reason: "not_pinned" };
  const { rows } = await tx.query<{ result: Raw }>("select public.start_flash_sale($1, $2, $3, $4, $5, $6) as result", [
    sessionId,
    input.productId,
    input.priceFen,
    input.units,
    input.perBuyerLimit,
    input.durationSeconds,
  ]);
  const raw = rows[0].result;
  if (raw.ok) return { ok: true, flashSaleId: raw.flashSaleId ?? "", eventId: Number(raw.eventId) };
  return { ok: false, reason: (raw.reason ?? "unknown_session") as FlashRefusal, ...(raw.stock === undefined ? {} : { stock: raw.stock }) };
}

export async function endFlashSale(tx: Queryable, sessionId: string): Promise<FlashEndResult> {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" };
  const { rows } = await tx.query<{ result: Raw }>("select public.end_flash_sale($1) as result", [sessionId]);
  const raw = rows[0].result;
  if (!raw.ok) return { ok: false, reason: "unknown_session" };
  return { ok: true, eventId: raw.eventId == null ? null : Number(raw.eventId) };
}

type Row = {
  id: string;
  product_id: string;
  price_fen: string | number;
  units_offered: number;
  units_sold: number;
  per_buyer_limit: number | null;
  ends_at: Date;
  end_reason: FlashEndReason | null;
};

const toSale = (r: Row): FlashSale => ({
  flashSaleId: r.id,
  productId: r.product_id,
  priceFen: Number(r.price_fen),
  unitsOffered: r.units_offered,
  unitsLeft: r.units_offered - r.units_sold,
  perBuyerLimit: r.per_buyer_limit,
  endsAt: new Date(r.ends_at).toISOString(),
  endedReason: r.end_reason,
});

/**
 * The session's flash sale a page should show: the open one, or the one that ended in the
 * last minute (so a viewer arriving just after still reads "sold out"), else null.
 */
export async function currentFlashSale(q: Queryable, sessionId: string): Promise<FlashSale | null> {
  if (!isUuid(sessionId)) return null;
  const { rows } = await q.query<Row>(
    `select id, product_id, price_fen, units_offered, units_sold, per_buyer_limit, ends_at,
            coalesce(end_reason, case when ends_at <= now() then 'time' end) as end_reason
       from public.flash_sales
      where session_id = $1 and (ended_at is null or ended_at > now() - interval '1 minute')
      order by starts_at desc limit 1`,
    [sessionId],
  );
  return rows[0] ? toSale(rows[0]) : null;
}
