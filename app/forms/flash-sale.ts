import * as z from "zod";
import { FLASH_LIMITS } from "~/domain/flash-sale";
import { parseYuan } from "~/domain/money";
import { UUID_PATTERN } from "~/domain/uuid";
import { formSchema } from "./form-object";
import { blankToNull, wholeNumber } from "./text-field";

// The studio's flash-sale form (browser and action, through Conform). The database checks
// the rest (the pinned product, a price below the regular one, units within stock).
export const FLASH_DURATIONS = [30, 60, 120, 300, 600] as const;

/** The studio action's flash-start intent (also a member of its union of intents). */
export const flashStart = z.object({
  intent: z.literal("flash-start"),
  productId: z.string().regex(UUID_PATTERN, { message: "studio.flash.refused.not_pinned" }),
  price: z.string({ error: "studio.flash.errors.price" }).transform((v, ctx) => {
    const fen = parseYuan(v);
    if (fen === null || fen <= 0 || fen > 100_000_000) {
      ctx.addIssue({ code: "custom", message: "studio.flash.errors.price" });
      return z.NEVER;
    }
    return fen;
  }),
  units: wholeNumber(1, FLASH_LIMITS.maxUnits, "studio.flash.errors.units"),
  perBuyerLimit: z.preprocess(blankToNull, wholeNumber(1, FLASH_LIMITS.maxPerBuyer, "studio.flash.errors.limit").nullable()),
  durationSeconds: z.coerce
    .number({ message: "studio.flash.errors.duration" })
    .refine((v) => (FLASH_DURATIONS as readonly number[]).includes(v), { message: "studio.flash.errors.duration" }),
});
export const flashEnd = z.object({ intent: z.literal("flash-end") });

export const flashSaleStartSchema = formSchema(flashStart);

export type FlashSaleStartInput = z.output<typeof flashSaleStartSchema>;
