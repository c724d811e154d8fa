import { z } from "zod";

// The demo pay page: one attempt id per page view makes a double submit pay once.
export const payFormSchema = z.object({
  intent: z.enum(["pay", "decline"]),
  attemptId: z.uuid(),
});
