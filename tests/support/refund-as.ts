import type { Database } from "~/db/database.server";
import { withRole } from "~/db/request-role.server";
import { refundOrder, type RefundRequest, type RefundResult } from "~/models/refund.server";
import { ids } from "~/seed/seed.server";

// Refunds run as the caller (public.refund_order checks their rights per item). Tests that
// are about refund semantics, not about who may refund, act as the platform admin.
export const PLATFORM_ADMIN = ids.user("admin@platform.demo");

export function refundAs(db: Database, userId: string, request: RefundRequest): Promise<RefundResult> {
  return withRole(db, { role: "authenticated", userId }, (tx) => refundOrder(tx, request));
}

export function refundAsPlatformAdmin(db: Database, request: RefundRequest): Promise<RefundResult> {
  return refundAs(db, PLATFORM_ADMIN, request);
}
