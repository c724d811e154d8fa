import { getZodConstraint } from "@conform-to/zod/v4";
import { shanghaiDay } from "~/domain/report-period";
import { parseForm } from "./parse-form";
import { householdsRangeSchema, reportRangeSchema } from "./report-range";

// The loaders' side of the report range: checked on the server only (the page ships no
// zod); the browser gets the constraints as data (use-server-checked-form.ts).
export const readReportRange = (query: URLSearchParams, now = new Date()) => parseForm(query, reportRangeSchema(shanghaiDay(now)));
export const readHouseholdsRange = (query: URLSearchParams, now = new Date()) => parseForm(query, householdsRangeSchema(shanghaiDay(now)));
export const reportRangeConstraint = getZodConstraint(reportRangeSchema("2026-01-01"));
export const householdsRangeConstraint = getZodConstraint(householdsRangeSchema("2026-01-01"));
export { replyTo } from "./parse-form";
