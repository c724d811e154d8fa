import type { LiveEvent } from "~/realtime/live-event";

// A flash sale as a viewer sees it, and how live events move it. Pure: the live page, the
// studio and their tests share it. The database decides who gets a unit at which price
// (public.place_order); this only decides what to show.

export const FLASH_LIMITS = {
  minSeconds: 10,
  maxSeconds: 3600,
  maxUnits: 100_000,
  maxPerBuyer: 99,
} as const;

export type FlashEndReason = "time" | "sold-out" | "host";

export type FlashSale = {
  flashSaleId: string;
  productId: string;
  priceFen: number;
  unitsOffered: number;
  unitsLeft: number;
  perBuyerLimit: number | null;
  /** ISO time the countdown reaches zero. */
  endsAt: string;
  /** Set once the database ended it (flash.end); a countdown at zero ends it too. */
  endedReason: FlashEndReason | null;
};

export type FlashPhase = "open" | "sold-out" | "ended";

export function flashPhase(sale: FlashSale, nowMs: number): FlashPhase {
  if (sale.endedReason === "sold-out" || sale.unitsLeft === 0) return "sold-out";
  if (sale.endedReason !== null || nowMs >= Date.parse(sale.endsAt)) return "ended";
  return "open";
}

/** Whole seconds left on the countdown (0 once over), rounded up so "1" shows until the end. */
export function secondsLeft(sale: FlashSale, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(sale.endsAt) - nowMs) / 1000));
}

/** "m:ss" for the countdown. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The sale after one live event (events of other sales, or of no sale, leave it as it is). */
export function reduceFlashSale(sale: FlashSale | null, event: LiveEvent): FlashSale | null {
  switch (event.type) {
    case "flash.start":
      return {
        flashSaleId: event.payload.flashSaleId,
        productId: event.payload.productId,
        priceFen: event.payload.priceFen,
        unitsOffered: event.payload.units,
        unitsLeft: event.payload.units,
        perBuyerLimit: event.payload.perBuyerLimit,
        endsAt: event.payload.endsAt,
        endedReason: null,
      };
    case "units-left":
      if (!sale || sale.flashSaleId !== event.payload.flashSaleId) return sale;
      return { ...sale, unitsLeft: event.payload.unitsLeft };
    case "flash.end":
      if (!sale || sale.flashSaleId !== event.payload.flashSaleId) return sale;
      return { ...sale, endedReason: event.payload.reason, unitsLeft: event.payload.reason === "sold-out" ? 0 : sale.unitsLeft };
    default:
      return sale;
  }
}
