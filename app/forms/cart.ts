import { z } from "zod";
import { formObject, formSchema } from "./form-object";
import { UUID_PATTERN } from "~/domain/uuid";
import { safeRedirect } from "~/http/safe-redirect";

// Cart forms: one action, switched on a named intent. Shared by the forms and /cart's action.
const uuid = z.string().regex(UUID_PATTERN, { message: "cart.errors.product" });
const quantity = z.coerce
  .number({ error: "cart.errors.quantity" })
  .int({ message: "cart.errors.quantity" })
  .min(1, { message: "cart.errors.quantity" })
  .max(99, { message: "cart.errors.quantity" });
const returnTo = z.unknown().optional().transform((to) => (to === undefined ? undefined : safeRedirect(to, "/cart")));

export const cartActionSchema = formSchema(z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    productId: uuid,
    quantity: quantity.default(1),
    liveSessionId: uuid.optional().or(z.literal("").transform(() => undefined)),
    returnTo,
  }),
  z.object({ intent: z.literal("update"), productId: uuid, quantity }),
  z.object({ intent: z.literal("remove"), productId: uuid }),
]));

export type CartAction = z.output<typeof cartActionSchema>;
