import * as z from "zod";
import { formSchema } from "./form-object";
import { UUID_PATTERN } from "~/domain/uuid";
import { safeRedirect } from "~/http/safe-redirect";

// Cart forms: add (product page, cards, live page), update and remove (cart page). Each
// form validates with its own schema in the browser; /cart's one action parses the union
// of the three, switched on the named intent.
const uuid = z.string().regex(UUID_PATTERN, { message: "cart.errors.product" });
const quantity = z.coerce
  .number({ error: "cart.errors.quantity" })
  .int({ message: "cart.errors.quantity" })
  .min(1, { message: "cart.errors.quantity" })
  .max(99, { message: "cart.errors.quantity" });
const returnTo = z
  .unknown()
  .optional()
  .transform((to) => (to === undefined ? undefined : safeRedirect(to, "/cart")));

const add = z.object({
  intent: z.literal("add"),
  productId: uuid,
  quantity: quantity.default(1),
  liveSessionId: uuid.optional().or(z.literal("").transform(() => undefined)),
  returnTo,
});
const update = z.object({ intent: z.literal("update"), productId: uuid, quantity });
const remove = z.object({ intent: z.literal("remove"), productId: uuid });

export const cartAddSchema = formSchema(add);
export const cartUpdateSchema = formSchema(update);
export const cartRemoveSchema = formSchema(remove);
export const cartActionSchema = formSchema(z.discriminatedUnion("intent", [add, update, remove]));

export type CartAction = z.output<typeof cartActionSchema>;
