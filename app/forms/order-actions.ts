import { z } from "zod";

// The buyer's actions on their order page.
export const orderActionSchema = z.object({ intent: z.enum(["pay", "cancel"]) });
