import { median } from "../stats";

// Pure helpers of the reports benchmark: the ranges it reports on and its figures.

/** YYYY-MM-DD of a Shanghai day, shifted by whole days. */
const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The ranges timed, relative to the Shanghai day `today`: the two years of data by year
 * (January of two years ago to today), this year by month (the reports page's default) and
 * this year per household.
 */
export function benchRanges(today: string): { years: { from: string; to: string }; thisYear: { from: string; to: string } } {
  const year = Number(today.slice(0, 4));
  return { years: { from: `${year - 2}-01-01`, to: today }, thisYear: { from: `${year}-01-01`, to: `${year}-12-31` } };
}

export const shanghaiToday = (now = new Date()) => dayOf(now);

export type CaseTiming = { name: string; appMs: number; baselineMs: number; ratio: number; samples: number };

/** Medians of paired samples and their ratio (app / baseline). */
export function summarise(name: string, app: number[], baseline: number[]): CaseTiming {
  const appMs = median(app);
  const baselineMs = median(baseline);
  return { name, appMs, baselineMs, ratio: appMs / baselineMs, samples: Math.min(app.length, baseline.length) };
}

export const REPORTS_TARGET = 1.5;

/** The markdown table of the timings. */
export function timingTable(timings: CaseTiming[]): string[] {
  return [
    "| report | app as cooperative admin (RLS), median ms | baseline raw SQL as owner, median ms | ratio | target ≤ 1.5× |",
    "| --- | --- | --- | --- | --- |",
    ...timings.map(
      (t) =>
        `| ${t.name} | ${t.appMs.toFixed(1)} | ${t.baselineMs.toFixed(1)} | ${t.ratio.toFixed(2)}× (n=${t.samples}) | ${t.ratio <= REPORTS_TARGET ? "✓" : "✗"} |`,
    ),
  ];
}
