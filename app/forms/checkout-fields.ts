// Field names of the checkout form, safe for the browser bundle (no zod here: the schema
// in checkout.ts is only reached from the action, so zod never ships to the client).
export const CHECKOUT_FIELDS = ["contactName", "contactPhone", "province", "city", "district", "addressLine"] as const;
export type CheckoutField = (typeof CHECKOUT_FIELDS)[number];
