import * as z from "zod";
import { UUID_PATTERN } from "~/domain/uuid";
import { flashEnd, flashStart } from "./flash-sale";
import { formSchema } from "./form-object";
import { blankToNull, text } from "./text-field";

// The studio's forms: scheduling or editing a session, and the buttons a host presses while
// it runs (go live, end, cancel, pin, unpin, rotate the key, start or end a flash sale). /studio/new parses
// studioCreateSchema; /studio/:sessionId's one action parses studioActionSchema.

/** China keeps +08:00 all year: a datetime-local value is read as Beijing time. */
export const SCHEDULE_OFFSET = "+08:00";
const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** "2026-12-03T19:30" (Beijing) → ISO instant; null for anything else. */
export function scheduleToIso(value: string): string | null {
  if (!LOCAL_DATETIME.test(value)) return null;
  const time = Date.parse(`${value}:00${SCHEDULE_OFFSET}`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** An instant as the datetime-local value the form shows (Beijing time). */
export function isoToSchedule(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16);
}

const uuid = z.string().regex(UUID_PATTERN);
const titleZh = text(1, 120, "studio.errors.title");
const titleEn = text(1, 120, "studio.errors.title");
const description = z.preprocess((v) => v ?? "", z.string().trim().max(2000, { message: "studio.errors.description" }));
const scheduledStart = z
  .string({ error: "studio.errors.start" })
  .transform((v, ctx) => scheduleToIso(v) ?? (ctx.addIssue({ code: "custom", message: "studio.errors.start" }), z.NEVER));
// Ticked checkboxes: absent (none), one value, or several.
const productIds = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(uuid, { error: "studio.errors.products" })
    .min(1, { message: "studio.errors.products" })
    .max(50, { message: "studio.errors.products" }),
);
const mediaUrl = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(2048, { message: "studio.errors.replayUrl" })
    .regex(/^(\/[^/\\\s]|https?:\/\/[^/\s])\S*$/i, { message: "studio.errors.replayUrl" })
    .nullable()
    .default(null),
);

const textFields = { titleZh, titleEn, descriptionZh: description, descriptionEn: description };

const coopId = z.string({ error: "studio.errors.coop" }).regex(UUID_PATTERN, { message: "studio.errors.coop" });
const create = z.object({ intent: z.literal("create"), coopId, ...textFields, scheduledStart, productIds });
/** A scheduled session: everything. */
const update = z.object({ intent: z.literal("update"), ...textFields, scheduledStart, productIds });
/** A live session: its titles and descriptions only. */
const updateText = z.object({ intent: z.literal("update-text"), ...textFields });
const goLive = z.object({ intent: z.literal("go-live") });
const end = z.object({ intent: z.literal("end"), replayUrl: mediaUrl });
const cancel = z.object({ intent: z.literal("cancel") });
const pin = z.object({ intent: z.literal("pin"), productId: uuid });
const unpin = z.object({ intent: z.literal("unpin") });
const rotateKey = z.object({ intent: z.literal("rotate-key") });

export const studioCreateSchema = formSchema(create);
export const studioUpdateSchema = formSchema(update);
export const studioUpdateTextSchema = formSchema(updateText);
export const studioEndSchema = formSchema(end);
export const studioActionSchema = formSchema(
  z.discriminatedUnion("intent", [update, updateText, goLive, end, cancel, pin, unpin, rotateKey, flashStart, flashEnd]),
);

export type StudioAction = z.output<typeof studioActionSchema>;
