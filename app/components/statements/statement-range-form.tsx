import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { DateRangeInputs } from "~/components/dashboard/date-range-inputs";
import type { DayRange } from "~/domain/report-period";
import type { FormReply } from "~/forms/parse-form";
import type { householdsRangeSchema } from "~/forms/report-range";
import { useServerCheckedForm } from "~/forms/use-server-checked-form";
import type { FormShape } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";

type Shape = FormShape<ReturnType<typeof householdsRangeSchema>>;

/** A statement's period: a GET form (the URL is the statement), field errors from the loader; not printed. */
export function StatementRangeForm(props: {
  range: DayRange | null;
  result: FormReply | null;
  constraint: Record<string, { required?: boolean; maxLength?: number; minLength?: number; pattern?: string }>;
}) {
  const { t } = useI18n();
  const [form, fields] = useServerCheckedForm<Shape>({
    id: props.range ? `statement-range-${props.range.from}-${props.range.to}` : "statement-range",
    lastResult: props.result,
    constraint: props.constraint,
    defaultValue: props.range ?? undefined,
  });
  return (
    <Form
      method="get"
      {...getFormProps(form)}
      aria-label={t("statement.range")}
      data-print-hide
      className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3"
    >
      <DateRangeInputs from={fields.from} to={fields.to} />
      <div className="flex items-end">
        <button type="submit" className="w-full rounded bg-leaf-700 px-4 py-2 font-semibold text-white hover:bg-leaf-800">
          {t("statement.show")}
        </button>
      </div>
    </Form>
  );
}
