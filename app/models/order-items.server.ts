import type { Queryable } from "~/db/database.server";
import type { PostableItem } from "~/domain/ledger-postings";
import type { ItemParties } from "./ledger.server";

// An order's items as the money code needs them: the frozen rule and who the parties are.
export type MoneyItem = PostableItem & ItemParties & { productId: string };

export async function loadMoneyItems(tx: Queryable, orderId: string): Promise<MoneyItem[]> {
  const { rows } = await tx.query<{
    id: string;
    product_id: string;
    cooperative_id: string;
    household_id: string | null;
    streamer_user_id: string | null;
    live_session_id: string | null;
    unit_price_fen: number;
    quantity: number;
    refunded_quantity: number;
    split_household_bp: number;
    split_collective_bp: number;
    split_streamer_bp: number;
    split_platform_bp: number;
  }>(
    `select id, product_id, cooperative_id, household_id, streamer_user_id, live_session_id, unit_price_fen,
            quantity, refunded_quantity, split_household_bp, split_collective_bp, split_streamer_bp, split_platform_bp
       from public.order_items where order_id = $1 order by id`,
    [orderId],
  );
  return rows.map((r) => ({
    id: r.id,
    itemId: r.id,
    productId: r.product_id,
    cooperativeId: r.cooperative_id,
    householdId: r.household_id,
    streamerUserId: r.streamer_user_id,
    unitPriceFen: r.unit_price_fen,
    quantity: r.quantity,
    refundedQuantity: r.refunded_quantity,
    rule: {
      household: r.split_household_bp,
      collective: r.split_collective_bp,
      streamer: r.split_streamer_bp,
      platform: r.split_platform_bp,
    },
    hasHousehold: r.household_id !== null,
    soldLive: r.live_session_id !== null && r.streamer_user_id !== null,
  }));
}
