import { getFormProps, getSelectProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { FieldError } from "~/components/form-field";
import { DateRangeInputs } from "./date-range-inputs";
import { REPORT_GROUPS, type DayRange, type ReportGroup } from "~/domain/report-period";
import type { FormReply } from "~/forms/parse-form";
import type { reportRangeSchema } from "~/forms/report-range";
import { useServerCheckedForm } from "~/forms/use-server-checked-form";
import type { FormShape } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";

type Shape = FormShape<ReturnType<typeof reportRangeSchema>>;

/**
 * The report's period: a GET form (works without JavaScript; the URL is the report), its
 * field errors from the loader. `range` is the report shown, null when the query was refused.
 * `grouped={false}`: one range, no periods (the platform overview).
 */
export function ReportRangeForm(props: {
  range: (DayRange & { group?: ReportGroup }) | null;
  grouped?: boolean;
  result: FormReply | null;
  constraint: Record<string, { required?: boolean; maxLength?: number; minLength?: number; pattern?: string }>;
}) {
  const { t } = useI18n();
  const { range, grouped = true } = props;
  const [form, fields] = useServerCheckedForm<Shape>({
    // a new report is a new form: its fields show what is shown
    id: range ? `report-range-${range.from}-${range.to}-${range.group ?? "all"}` : "report-range",
    lastResult: props.result,
    constraint: props.constraint,
    defaultValue: range ?? undefined,
  });
  const fieldClass = "mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2 text-base";
  const { key: groupKey, ...groupProps } = getSelectProps(fields.group);
  return (
    <Form
      method="get"
      {...getFormProps(form)}
      aria-label={t("dash.reports.range")}
      className={`grid gap-3 rounded-lg bg-white p-4 shadow-sm ${grouped ? "sm:grid-cols-4" : "sm:grid-cols-3"}`}
    >
      <DateRangeInputs from={fields.from} to={fields.to} />
      {grouped ? (
        <div>
          <label htmlFor={fields.group.id} className="text-sm font-medium">
            {t("dash.reports.group")}
          </label>
          <select key={groupKey} {...groupProps} className={fieldClass}>
            {REPORT_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`dash.reports.group.${g}`)}
              </option>
            ))}
          </select>
          <FieldError field={fields.group} />
        </div>
      ) : null}
      <div className="flex items-end">
        <button type="submit" className="w-full rounded bg-leaf-700 px-4 py-2 font-semibold text-white hover:bg-leaf-800">
          {t("dash.reports.apply")}
        </button>
      </div>
    </Form>
  );
}
