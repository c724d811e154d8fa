// Order states and the one place that says which transitions are allowed.

export const ORDER_STATUSES = ["pending_payment", "paid", "fulfilled", "cancelled", "refunded", "partially_refunded"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ["paid", "cancelled"],
  paid: ["fulfilled", "partially_refunded", "refunded"],
  fulfilled: ["partially_refunded", "refunded"],
  partially_refunded: ["partially_refunded", "refunded", "fulfilled"],
  cancelled: [],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

export class OrderTransitionError extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`an order cannot go from ${from} to ${to}`);
    this.name = "OrderTransitionError";
  }
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new OrderTransitionError(from, to);
}

/** Orders whose money has been taken (so refunds are possible). */
export function isRefundable(status: OrderStatus): boolean {
  return status === "paid" || status === "fulfilled" || status === "partially_refunded";
}

/** The state after a refund, from how much of the order is refunded overall. */
export function statusAfterRefund(refundedFen: number, totalFen: number): "refunded" | "partially_refunded" {
  return refundedFen >= totalFen ? "refunded" : "partially_refunded";
}
