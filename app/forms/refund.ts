import * as z from "zod";
import { UUID_PATTERN } from "~/domain/uuid";
import { formObject } from "./form-object";
import { checkbox } from "./text-field";

// A refund in two steps, both plain forms with this schema: "review-refund" shows what would
// happen; "refund" moves money with the confirmation the review issued. The units per item
// are fields named qty-<order item id>, read by the action for the cooperative's own items.
export const refundFormSchema = formObject({
  intent: z.enum(["review-refund", "refund"]),
  orderId: z.string().regex(UUID_PATTERN),
  refundId: z.string().regex(UUID_PATTERN),
  restock: checkbox(),
  reason: z.string().trim().max(200, { message: "dash.refund.errors.reason" }).default(""),
  confirmation: z.string().default(""),
});

export const refundQuantityField = (orderItemId: string) => `qty-${orderItemId}`;
