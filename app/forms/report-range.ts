import * as z from "zod";
import {
  FIRST_REPORT_DAY,
  LAST_REPORT_DAY,
  MAX_PERIODS,
  REPORT_GROUPS,
  defaultRange,
  isReportDay,
  periodCount,
  type ReportGroup,
} from "~/domain/report-period";
import type { MessageKey } from "~/i18n/translate";
import { formSchema } from "./form-object";

// The reports page's GET form (from, to, group) and the CSV exports' query strings: one set
// of rules for all three. Blank or missing fields take the default report (this Shanghai
// year, by month), which depends on today, so the schemas are built per request.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const day = (key: MessageKey, fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: key })
      .trim()
      .refine((v) => isReportDay(v) && v >= FIRST_REPORT_DAY && v <= LAST_REPORT_DAY, { message: key })
      .default(fallback),
  );

const TOO_LONG: Record<ReportGroup, MessageKey> = {
  day: "dash.reports.errors.tooLong.day",
  month: "dash.reports.errors.tooLong.month",
  year: "dash.reports.errors.tooLong.year",
};

/** from ≤ to, and no more periods than one report shows; said on the `to` field. */
function checkRange(value: { from: string; to: string }, group: ReportGroup | undefined, ctx: z.RefinementCtx) {
  // zod runs this even when a field already failed: judge the range only when it is one
  if (!isReportDay(value.from) || !isReportDay(value.to) || !group || !REPORT_GROUPS.includes(group)) return;
  if (value.from > value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "dash.reports.errors.order" });
  else if (periodCount(value, group) > MAX_PERIODS[group]) ctx.addIssue({ code: "custom", path: ["to"], message: TOO_LONG[group] });
}

export function reportRangeSchema(today: string) {
  const fallback = defaultRange(today);
  return formSchema(
    z
      .object({
        from: day("dash.reports.errors.from", fallback.from),
        to: day("dash.reports.errors.to", fallback.to),
        group: z.preprocess(blankToUndefined, z.enum(REPORT_GROUPS, { message: "dash.reports.errors.group" }).default("month")),
      })
      .superRefine((value, ctx) => checkRange(value, value.group, ctx)),
  );
}

export type ReportRangeValue = z.output<ReturnType<typeof reportRangeSchema>>;

/** The households CSV: a range only (no periods, so only the years limit it). */
export function householdsRangeSchema(today: string) {
  const fallback = defaultRange(today);
  return formSchema(
    z
      .object({ from: day("dash.reports.errors.from", fallback.from), to: day("dash.reports.errors.to", fallback.to) })
      .superRefine((value, ctx) => checkRange(value, "year", ctx)),
  );
}
