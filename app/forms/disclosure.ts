import * as z from "zod";
import { formObject } from "./form-object";

// The reports page's disclosure switch: a button that posts intent=disclosure and the state
// wanted. Who may switch it the database decides (public.set_income_disclosure).
export const disclosureFormSchema = formObject({
  intent: z.literal("disclosure"),
  enabled: z.enum(["on", "off"]),
});
