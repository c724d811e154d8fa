import * as z from "zod";
import { formObject } from "./form-object";

// The demo pay page: one attempt id per page view makes a double submit pay once.
export const payFormSchema = formObject({
  intent: z.enum(["pay", "decline"]),
  attemptId: z.uuid(),
});
