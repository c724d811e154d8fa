import { describe, expect, it } from "vitest";
import { benchRanges, shanghaiToday, summarise, timingTable } from "./timing";

describe("reports bench helpers", () => {
  it("times two years by year and this year by month, in Shanghai days", () => {
    expect(benchRanges("2026-12-05")).toEqual({
      years: { from: "2024-01-01", to: "2026-12-05" },
      thisYear: { from: "2026-01-01", to: "2026-12-31" },
    });
    // 16:00 UTC is already the next day in Shanghai
    expect(shanghaiToday(new Date("2026-12-31T15:59:59Z"))).toBe("2026-12-31");
    expect(shanghaiToday(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });

  it("compares medians of paired samples and marks the 1.5× target", () => {
    const t = summarise("yearly", [30, 10, 20], [10, 12, 8]);
    expect(t).toEqual({ name: "yearly", appMs: 20, baselineMs: 10, ratio: 2, samples: 3 });
    expect(timingTable([t])[2]).toBe("| yearly | 20.0 | 10.0 | 2.00× (n=3) | ✗ |");
    expect(timingTable([summarise("monthly", [15], [10])])[2]).toContain("1.50× (n=1) | ✓");
  });
});
