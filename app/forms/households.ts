import * as z from "zod";
import { UUID_PATTERN } from "~/domain/uuid";
import { formSchema } from "./form-object";
import { text, wholeNumber } from "./text-field";

// The households page: add, edit, deactivate/reactivate. Each form validates with its own
// schema in the browser; the route's one action parses their union, switched on intent.
const fields = {
  nameZh: text(1, 40, "dash.errors.name"),
  nameEn: text(1, 60, "dash.errors.name"),
  headNameZh: text(1, 40, "dash.errors.name"),
  headNameEn: text(1, 60, "dash.errors.name"),
  members: wholeNumber(1, 50, "dash.errors.members"),
};
const householdId = z.string().regex(UUID_PATTERN);

const create = z.object({ intent: z.literal("create"), ...fields });
const update = z.object({ intent: z.literal("update"), householdId, ...fields });
const setStatus = z.object({ intent: z.enum(["deactivate", "reactivate"]), householdId });

export const householdCreateSchema = formSchema(create);
export const householdUpdateSchema = formSchema(update);
export const householdStatusSchema = formSchema(setStatus);
export const householdActionSchema = formSchema(z.discriminatedUnion("intent", [create, update, setStatus]));

export type HouseholdFields = z.output<typeof householdCreateSchema>;
