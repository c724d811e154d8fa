// Report periods: Asia/Shanghai calendar days, months and years. Pure date arithmetic on
// "YYYY-MM-DD" strings (China has had no daylight saving since 1991, so a Shanghai day is
// always UTC+8). The database buckets with date_trunc(group, created_at at time zone
// 'Asia/Shanghai'); these functions name the same buckets so empty periods still show.

export const REPORT_GROUPS = ["day", "month", "year"] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** Inclusive range of Shanghai days. */
export type DayRange = { from: string; to: string };

/** The earliest and latest day a report may cover (no sales before the platform existed). */
export const FIRST_REPORT_DAY = "2020-01-01";
export const LAST_REPORT_DAY = "2099-12-31";

/** Most periods one report shows: a year of days, ten years of months. */
export const MAX_PERIODS: Record<ReportGroup, number> = { day: 366, month: 120, year: 80 };

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

type Ymd = { y: number; m: number; d: number };

function parse(day: string): Ymd | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return { y, m, d };
}

function must(day: string): Ymd {
  const ymd = parse(day);
  if (!ymd) throw new RangeError(`not a calendar day: ${day}`);
  return ymd;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const format = ({ y, m, d }: Ymd) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const toUtcMs = ({ y, m, d }: Ymd) => Date.UTC(y, m - 1, d);
const fromUtcMs = (ms: number): Ymd => {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
};

/** A real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isReportDay(day: string): boolean {
  return parse(day) !== null;
}

/** Today's date in Shanghai at the instant `now`. */
export function shanghaiDay(now: Date): string {
  return format(fromUtcMs(now.getTime() + SHANGHAI_OFFSET_MS));
}

export function addDays(day: string, days: number): string {
  return format(fromUtcMs(toUtcMs(must(day)) + days * DAY_MS));
}

/** Days in an inclusive range (1 for a single day). */
export function daysIn(range: DayRange): number {
  return Math.round((toUtcMs(must(range.to)) - toUtcMs(must(range.from))) / DAY_MS) + 1;
}

/** The first day of the period `day` falls in. */
export function periodStart(day: string, group: ReportGroup): string {
  const ymd = must(day);
  if (group === "day") return format(ymd);
  return format({ y: ymd.y, m: group === "month" ? ymd.m : 1, d: 1 });
}

/** How many periods of `group` the range touches (a partial first or last period counts). */
export function periodCount(range: DayRange, group: ReportGroup): number {
  const from = must(range.from);
  const to = must(range.to);
  if (group === "day") return daysIn(range);
  if (group === "month") return (to.y - from.y) * 12 + (to.m - from.m) + 1;
  return to.y - from.y + 1;
}

/** The start of every period the range touches, in order: the buckets of a report. */
export function periodStarts(range: DayRange, group: ReportGroup): string[] {
  const count = periodCount(range, group);
  const first = must(periodStart(range.from, group));
  const starts: string[] = [];
  for (let i = 0; i < count; i++) {
    if (group === "day") starts.push(addDays(range.from, i));
    else if (group === "month") {
      const months = first.m - 1 + i;
      starts.push(format({ y: first.y + Math.floor(months / 12), m: (months % 12) + 1, d: 1 }));
    } else starts.push(format({ y: first.y + i, m: 1, d: 1 }));
  }
  return starts;
}

/** How a period is written in CSVs and tables: 2026-03-01, 2026-03, 2026. */
export function periodLabel(start: string, group: ReportGroup): string {
  return group === "day" ? start : group === "month" ? start.slice(0, 7) : start.slice(0, 4);
}

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The period of equal length just before the range, to compare with. Whole calendar
 * months (a month, a quarter, a year) compare with as many months before; any other
 * range with as many days before.
 */
export function previousRange(range: DayRange): DayRange {
  const from = must(range.from);
  const to = must(range.to);
  if (from.d === 1 && to.d === lastDayOfMonth(to.y, to.m)) {
    const months = (to.y - from.y) * 12 + (to.m - from.m) + 1;
    const startIndex = from.y * 12 + (from.m - 1) - months;
    const start = { y: Math.floor(startIndex / 12), m: (startIndex % 12) + 1, d: 1 };
    return { from: format(start), to: addDays(range.from, -1) };
  }
  const days = daysIn(range);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/** The default report: this calendar year (Shanghai), by month. */
export function defaultRange(today: string): DayRange {
  const { y } = must(today);
  return { from: format({ y, m: 1, d: 1 }), to: format({ y, m: 12, d: 31 }) };
}
