import * as z from "zod";
import { SPLIT_PARTIES, type SplitRule } from "~/domain/split-rule";
import { UUID_PATTERN } from "~/domain/uuid";
import { formSchema } from "./form-object";
import { percentToBasisPoints } from "./percent";

// The split rules page: the default rule, a product's override, removing an override.
// Each form validates with its own schema in the browser (the four percentages must add up
// to exactly 100 %); the route's one action parses their union, switched on intent.
const bp = z.string({ error: "dash.errors.percent" }).transform((v, ctx) => {
  const value = percentToBasisPoints(v);
  if (value === null) {
    ctx.addIssue({ code: "custom", message: "dash.errors.percent" });
    return z.NEVER;
  }
  return value;
});
const rule = { household: bp, collective: bp, streamer: bp, platform: bp };
const productId = z.string().regex(UUID_PATTERN, { message: "dash.errors.product" });
const sumsToWhole = (r: SplitRule) => SPLIT_PARTIES.reduce((sum, p) => sum + r[p], 0) === 10_000;
const SUM_ISSUE = { message: "dash.errors.splitSum", path: ["platform"] };

const setDefault = z.object({ intent: z.literal("set-default"), ...rule }).refine(sumsToWhole, SUM_ISSUE);
const setOverride = z.object({ intent: z.literal("set-override"), productId, ...rule }).refine(sumsToWhole, SUM_ISSUE);
const removeOverride = z.object({ intent: z.literal("remove-override"), productId });

export const splitDefaultSchema = formSchema(setDefault);
export const splitOverrideSchema = formSchema(setOverride);
export const splitActionSchema = formSchema(z.discriminatedUnion("intent", [setDefault, setOverride, removeOverride]));
