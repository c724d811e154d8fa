import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { basisPointsToPercent, percentToBasisPoints } from "./percent";

describe("percent fields", () => {
  it("parses whole and decimal percents", () => {
    expect(percentToBasisPoints("70")).toBe(7000);
    expect(percentToBasisPoints("12.5")).toBe(1250);
    expect(percentToBasisPoints("0.05 ")).toBe(5);
    expect(percentToBasisPoints("5%")).toBe(500);
    expect(percentToBasisPoints("100.01")).toBeNull();
    expect(percentToBasisPoints("-1")).toBeNull();
    expect(percentToBasisPoints("1e2")).toBeNull();
  });

  it("round-trips every basis-point value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (bp) => {
        expect(percentToBasisPoints(basisPointsToPercent(bp))).toBe(bp);
      }),
    );
  });
});
