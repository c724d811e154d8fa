import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LiveEvent } from "~/realtime/live-event";
import { flashPhase, formatCountdown, reduceFlashSale, secondsLeft, type FlashSale } from "./flash-sale";

const SALE = "7d1c1f46-3b1f-4c55-9d64-5b8d7f4a0001";
const OTHER = "7d1c1f46-3b1f-4c55-9d64-5b8d7f4a0002";
const PRODUCT = "7d1c1f46-3b1f-4c55-9d64-5b8d7f4a00aa";
const T0 = Date.parse("2026-12-02T10:00:00Z");
const ends = new Date(T0 + 60_000).toISOString();

const start: LiveEvent = {
  type: "flash.start",
  payload: { flashSaleId: SALE, productId: PRODUCT, priceFen: 990, units: 200, perBuyerLimit: 2, endsAt: ends },
};
const open = reduceFlashSale(null, start) as FlashSale;

describe("flash sale window", () => {
  it("is open inside the window with units left, ended after it", () => {
    expect(flashPhase(open, T0)).toBe("open");
    expect(flashPhase(open, T0 + 59_999)).toBe("open");
    expect(flashPhase(open, T0 + 60_000)).toBe("ended");
  });

  it("is sold out when no unit is left, whatever the clock says", () => {
    expect(flashPhase({ ...open, unitsLeft: 0 }, T0)).toBe("sold-out");
    expect(flashPhase({ ...open, endedReason: "sold-out" }, T0 + 120_000)).toBe("sold-out");
  });

  it("ends when the host ends it, before the countdown", () => {
    expect(flashPhase({ ...open, endedReason: "host" }, T0)).toBe("ended");
  });

  it("counts down in whole seconds, rounded up, never below zero", () => {
    expect(secondsLeft(open, T0)).toBe(60);
    expect(secondsLeft(open, T0 + 59_001)).toBe(1);
    expect(secondsLeft(open, T0 + 90_000)).toBe(0);
    expect(formatCountdown(60)).toBe("1:00");
    expect(formatCountdown(9)).toBe("0:09");
    expect(formatCountdown(-3)).toBe("0:00");
  });

  it("never counts up as time passes (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 200_000 }), (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(secondsLeft(open, T0 + late)).toBeLessThanOrEqual(secondsLeft(open, T0 + early));
      }),
    );
  });
});

describe("flash sale events", () => {
  it("starts with every unit left, follows units-left and the end of its own sale only", () => {
    expect(open).toMatchObject({ unitsLeft: 200, unitsOffered: 200, priceFen: 990, endedReason: null });
    const fewer = reduceFlashSale(open, { type: "units-left", payload: { productId: PRODUCT, flashSaleId: SALE, unitsLeft: 3 } });
    expect(fewer?.unitsLeft).toBe(3);
    const stranger = reduceFlashSale(fewer, { type: "units-left", payload: { productId: PRODUCT, flashSaleId: OTHER, unitsLeft: 0 } });
    expect(stranger).toBe(fewer);
    const soldOut = reduceFlashSale(fewer, { type: "flash.end", payload: { flashSaleId: SALE, productId: PRODUCT, reason: "sold-out" } });
    expect(soldOut && flashPhase(soldOut, T0)).toBe("sold-out");
  });

  it("ignores events that are not about flash sales", () => {
    expect(reduceFlashSale(open, { type: "viewers", payload: { count: 4 } })).toBe(open);
    expect(reduceFlashSale(null, { type: "unpin", payload: { productId: PRODUCT, pinId: 1 } })).toBeNull();
  });
});
