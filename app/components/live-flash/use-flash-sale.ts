import { useCallback, useEffect, useState } from "react";
import { flashPhase, reduceFlashSale, secondsLeft, type FlashPhase, type FlashSale } from "~/domain/flash-sale";
import type { LiveEvent } from "~/realtime/live-event";

export type FlashSaleView = { sale: FlashSale; phase: FlashPhase; secondsLeft: number } | null;

/**
 * The session's flash sale as events move it, with a countdown that ticks once a second
 * while it is open. `onEvent` goes to useLiveEvents' onEvent (the page owns the stream).
 */
export function useFlashSale(initial: FlashSale | null, resetKey: string | null = null) {
  const [sale, setSale] = useState<FlashSale | null>(initial);
  // Fresh loader data about another sale (a revalidation after start or end) wins.
  const [seenKey, setSeenKey] = useState(resetKey);
  if (seenKey !== resetKey) {
    setSeenKey(resetKey);
    setSale(initial);
  }
  const [now, setNow] = useState(() => Date.now());
  const onEvent = useCallback((event: LiveEvent) => setSale((current) => reduceFlashSale(current, event)), []);
  const open = sale !== null && flashPhase(sale, now) === "open";

  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [open]);

  const view: FlashSaleView = sale ? { sale, phase: flashPhase(sale, now), secondsLeft: secondsLeft(sale, now) } : null;
  return { view, onEvent };
}
