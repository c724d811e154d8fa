import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "./split-allocation";
import { SPLIT_PARTIES, effectiveShares, type SplitRule } from "./split-rule";

const ruleArb: fc.Arbitrary<SplitRule> = fc
  .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }))
  .map(([a, b, c]) => {
    const [x, y, z] = [a, b, c].sort((m, n) => m - n);
    return { household: x, collective: y - x, streamer: z - y, platform: 10000 - z };
  });
const totalArb = fc.integer({ min: 0, max: 10_000_000_000 });

describe("allocate", () => {
  it("parts always add up to the total", () => {
    fc.assert(
      fc.property(totalArb, ruleArb, (total, rule) => {
        const parts = allocate(total, rule);
        expect(SPLIT_PARTIES.reduce((sum, p) => sum + parts[p], 0)).toBe(total);
      }),
    );
  });

  it("each part is within 1 fen of its exact share, and never negative", () => {
    fc.assert(
      fc.property(totalArb, ruleArb, (total, rule) => {
        const parts = allocate(total, rule);
        for (const party of SPLIT_PARTIES) {
          const exactTimes10000 = BigInt(total) * BigInt(rule[party]);
          const diff = BigInt(parts[party]) * 10000n - exactTimes10000;
          expect(diff > -10000n && diff < 10000n).toBe(true);
          expect(parts[party]).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("a zero share gets nothing; a whole share gets everything", () => {
    fc.assert(
      fc.property(totalArb, ruleArb, (total, rule) => {
        const parts = allocate(total, rule);
        for (const party of SPLIT_PARTIES) {
          if (rule[party] === 0) expect(parts[party]).toBe(0);
          if (rule[party] === 10000) expect(parts[party]).toBe(total);
        }
      }),
    );
  });

  it("does not depend on the order the shares were written in", () => {
    fc.assert(
      fc.property(totalArb, ruleArb, (total, rule) => {
        const reversed = Object.fromEntries([...SPLIT_PARTIES].reverse().map((p) => [p, rule[p]])) as SplitRule;
        expect(allocate(total, reversed)).toEqual(allocate(total, rule));
      }),
    );
  });

  it("breaks ties in the fixed order household, collective, streamer, platform", () => {
    // 1 fen over four equal shares: the household gets it.
    expect(allocate(1, { household: 2500, collective: 2500, streamer: 2500, platform: 2500 })).toEqual({
      household: 1,
      collective: 0,
      streamer: 0,
      platform: 0,
    });
    expect(allocate(3, { household: 2500, collective: 2500, streamer: 2500, platform: 2500 })).toEqual({
      household: 1,
      collective: 1,
      streamer: 1,
      platform: 0,
    });
    expect(allocate(3980, { household: 7000, collective: 1500, streamer: 1000, platform: 500 })).toEqual({
      household: 2786,
      collective: 597,
      streamer: 398,
      platform: 199,
    });
  });

  it("refuses bad input", () => {
    expect(() => allocate(-1, { household: 10000, collective: 0, streamer: 0, platform: 0 })).toThrow(RangeError);
    expect(() => allocate(1.5, { household: 10000, collective: 0, streamer: 0, platform: 0 })).toThrow(RangeError);
    expect(() => allocate(100, { household: 5000, collective: 0, streamer: 0, platform: 0 })).toThrow(RangeError);
  });
});

describe("effectiveShares", () => {
  const rule = { household: 7000, collective: 1500, streamer: 1000, platform: 500 };
  it("gives the streamer part to the collective outside a live session", () => {
    expect(effectiveShares(rule, { hasHousehold: true, soldLive: false })).toEqual({
      household: 7000,
      collective: 2500,
      streamer: 0,
      platform: 500,
    });
  });
  it("gives the household part to the collective for collective-owned products", () => {
    expect(effectiveShares(rule, { hasHousehold: false, soldLive: true })).toEqual({
      household: 0,
      collective: 8500,
      streamer: 1000,
      platform: 500,
    });
  });
  it("keeps the sum whole for any rule", () => {
    fc.assert(
      fc.property(ruleArb, fc.boolean(), fc.boolean(), (r, hasHousehold, soldLive) => {
        const s = effectiveShares(r, { hasHousehold, soldLive });
        expect(SPLIT_PARTIES.reduce((sum, p) => sum + s[p], 0)).toBe(10000);
      }),
    );
  });
});
