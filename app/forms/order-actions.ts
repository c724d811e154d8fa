import * as z from "zod";
import { formObject } from "./form-object";

// The buyer's actions on their order page (pay now, cancel): one form each, one action.
export const orderActionSchema = formObject({ intent: z.enum(["pay", "cancel"]) });
