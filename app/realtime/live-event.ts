import { z } from "zod";

// The events of a live session, as the server sends them and the browser parses them.
// Stored events (everything but `viewers`) carry the id of their live_events row; that id
// is the SSE `id:` a reconnecting EventSource sends back as Last-Event-ID. `viewers` is
// presence, sent fresh rather than replayed, so it has no id.
// Shared by server and browser: no I/O here.

const uuid = z.uuid();
const fen = z.number().int().nonnegative();

const productCard = z.object({
  slug: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  priceFen: fen,
  unit: z.string(),
});

export const livePayloadSchemas = {
  pin: z.object({ productId: uuid, pinId: z.number().int(), offsetMs: z.number().int().nullable(), product: productCard }),
  unpin: z.object({ productId: uuid, pinId: z.number().int() }),
  // Next session (flash sales): the shapes their database functions will write.
  "flash.start": z.object({
    flashSaleId: uuid,
    productId: uuid,
    priceFen: fen,
    units: z.number().int().positive(),
    perBuyerLimit: z.number().int().positive().nullable(),
    endsAt: z.iso.datetime({ offset: true }),
  }),
  "flash.end": z.object({ flashSaleId: uuid, productId: uuid, reason: z.enum(["time", "sold-out", "host"]) }),
  "units-left": z.object({ productId: uuid, flashSaleId: uuid.nullable(), unitsLeft: z.number().int().nonnegative() }),
  // The sales ticker, anonymised: a city at most, never a name, phone or order id.
  sale: z.object({
    productId: uuid,
    quantity: z.number().int().positive(),
    unit: z.string(),
    cityZh: z.string().nullable(),
    cityEn: z.string().nullable(),
  }),
  chat: z.object({ messageId: uuid, author: z.string().max(40), text: z.string().max(500) }),
  "chat.hidden": z.object({ messageId: uuid }),
  // The session went live or ended (with its replay address, when there is one).
  session: z.object({ status: z.enum(["live", "ended"]), replayUrl: z.string().nullable() }),
  viewers: z.object({ count: z.number().int().nonnegative() }),
} as const;

export type LiveEventType = keyof typeof livePayloadSchemas;
export type LivePayload<T extends LiveEventType> = z.infer<(typeof livePayloadSchemas)[T]>;

export const STORED_EVENT_TYPES = [
  "pin",
  "unpin",
  "flash.start",
  "flash.end",
  "units-left",
  "sale",
  "chat",
  "chat.hidden",
  "session",
] as const;

type EventOf<T extends LiveEventType> = { type: T; payload: LivePayload<T>; id?: number; at?: string };
export type LiveEvent = { [T in LiveEventType]: EventOf<T> }[LiveEventType];
export type StoredLiveEvent = LiveEvent & { id: number; at: string };

const envelope = z.object({
  id: z.number().int().positive().optional(),
  type: z.string(),
  payload: z.unknown(),
  at: z.string().optional(),
});

/** One event from its JSON text; null for anything malformed or of a type this build does not know. */
export function parseLiveEvent(data: string): LiveEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  return toLiveEvent(json);
}

/** One event from a decoded value (a table row, a NOTIFY or broadcast payload); null as above. */
export function toLiveEvent(json: unknown): LiveEvent | null {
  const outer = envelope.safeParse(json);
  if (!outer.success || !(outer.data.type in livePayloadSchemas)) return null;
  const type = outer.data.type as LiveEventType;
  const payload = livePayloadSchemas[type].safeParse(outer.data.payload);
  if (!payload.success) return null;
  return { ...outer.data, type, payload: payload.data } as LiveEvent;
}
