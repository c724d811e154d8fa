import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysIn,
  defaultRange,
  isReportDay,
  periodCount,
  periodLabel,
  periodStart,
  periodStarts,
  previousRange,
  shanghaiDay,
} from "./report-period";

describe("report periods", () => {
  it("knows a calendar day", () => {
    expect(isReportDay("2028-02-29")).toBe(true);
    expect(isReportDay("2026-02-29")).toBe(false);
    expect(isReportDay("2026-13-01")).toBe(false);
    expect(isReportDay("2026-1-01")).toBe(false);
  });

  it("names the Shanghai day of an instant: UTC+8, midnight included", () => {
    expect(shanghaiDay(new Date("2026-03-01T15:59:59Z"))).toBe("2026-03-01");
    expect(shanghaiDay(new Date("2026-03-01T16:00:00Z"))).toBe("2026-03-02");
    expect(shanghaiDay(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });

  it("buckets days into months and years", () => {
    expect(periodStart("2026-03-15", "day")).toBe("2026-03-15");
    expect(periodStart("2026-03-15", "month")).toBe("2026-03-01");
    expect(periodStart("2026-03-15", "year")).toBe("2026-01-01");
    expect(periodStarts({ from: "2025-11-20", to: "2026-02-03" }, "month")).toEqual([
      "2025-11-01",
      "2025-12-01",
      "2026-01-01",
      "2026-02-01",
    ]);
    expect(periodStarts({ from: "2024-02-27", to: "2024-03-01" }, "day")).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(periodStarts({ from: "2024-06-01", to: "2026-01-01" }, "year")).toEqual(["2024-01-01", "2025-01-01", "2026-01-01"]);
    expect(periodLabel("2026-03-01", "month")).toBe("2026-03");
    expect(periodLabel("2026-01-01", "year")).toBe("2026");
    expect(periodLabel("2026-03-09", "day")).toBe("2026-03-09");
  });

  const day = fc.integer({ min: 0, max: 365 * 40 }).map((n) => addDays("2020-01-01", n));
  const range = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

  it("every day of a range falls in exactly one of its periods, in order", () => {
    fc.assert(
      fc.property(range, fc.constantFrom("day" as const, "month" as const, "year" as const), (r, group) => {
        const starts = periodStarts(r, group);
        expect(starts.length).toBe(periodCount(r, group));
        expect([...starts].sort()).toEqual(starts);
        expect(new Set(starts).size).toBe(starts.length);
        expect(starts[0]).toBe(periodStart(r.from, group));
        expect(starts.at(-1)).toBe(periodStart(r.to, group));
        expect(starts).toContain(periodStart(addDays(r.from, Math.floor(daysIn(r) / 2)), group));
      }),
      { numRuns: 200 },
    );
  });

  it("compares whole months with as many months before, other ranges with as many days", () => {
    expect(previousRange({ from: "2026-01-01", to: "2026-12-31" })).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(previousRange({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(previousRange({ from: "2026-01-01", to: "2026-03-31" })).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(previousRange({ from: "2026-03-10", to: "2026-03-16" })).toEqual({ from: "2026-03-03", to: "2026-03-09" });
    expect(previousRange({ from: "2026-03-01", to: "2026-03-01" })).toEqual({ from: "2026-02-28", to: "2026-02-28" });
    fc.assert(
      fc.property(range, (r) => {
        const before = previousRange(r);
        expect(addDays(before.to, 1)).toBe(r.from);
        expect(before.from <= before.to).toBe(true);
      }),
    );
  });

  it("defaults to this calendar year", () => {
    expect(defaultRange("2026-12-04")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });
});
