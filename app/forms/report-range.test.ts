import { describe, expect, it } from "vitest";
import { parseForm } from "./parse-form";
import { householdsRangeSchema, reportRangeSchema } from "./report-range";

const parse = (query: string) => parseForm(new URLSearchParams(query), reportRangeSchema("2026-12-04"));
const errorsOf = (query: string) => {
  const s = parse(query);
  return s.status === "success" ? null : Object.fromEntries(Object.entries(s.error ?? {}).map(([k, v]) => [k, v?.[0]]));
};

describe("report range", () => {
  it("defaults to this Shanghai year by month, field by field", () => {
    expect(parse("")).toMatchObject({ status: "success", value: { from: "2026-01-01", to: "2026-12-31", group: "month" } });
    expect(parse("from=2026-03-01&to=&group=day")).toMatchObject({ value: { from: "2026-03-01", to: "2026-12-31", group: "day" } });
    expect(parse("from=2026-12-01&group=day")).toMatchObject({ value: { from: "2026-12-01", to: "2026-12-31", group: "day" } });
  });

  it("says what is wrong on the field it concerns, and never throws", () => {
    expect(errorsOf("from=2026-02-30&to=2026-03-01")).toEqual({ from: "dash.reports.errors.from" });
    expect(errorsOf("from=2019-12-31")).toEqual({ from: "dash.reports.errors.from" });
    expect(errorsOf("to=tomorrow&group=day")).toEqual({ to: "dash.reports.errors.to" });
    expect(errorsOf("from=2026-03-02&to=2026-03-01")).toEqual({ to: "dash.reports.errors.order" });
    expect(errorsOf("from=2025-01-01&to=2026-01-01&group=day")).toBeNull();
    expect(errorsOf("from=2025-01-01&to=2026-01-02&group=day")).toEqual({ to: "dash.reports.errors.tooLong.day" });
    expect(errorsOf("from=2024-01-01&to=2024-12-31&group=day")).toBeNull();
    expect(errorsOf("group=week")).toEqual({ group: "dash.reports.errors.group" });
    // a field sent twice is not a value
    expect(errorsOf("group=day&group=month")).toEqual({ group: "dash.reports.errors.group" });
    expect(errorsOf("from=2026-01-01&from=2026-02-01")).toEqual({ from: "dash.reports.errors.from" });
  });

  it("limits the households export by years only", () => {
    const s = parseForm(new URLSearchParams("from=2020-01-01&to=2030-12-31&group=day"), householdsRangeSchema("2026-12-04"));
    expect(s).toMatchObject({ status: "success", value: { from: "2020-01-01", to: "2030-12-31" } });
  });
});
