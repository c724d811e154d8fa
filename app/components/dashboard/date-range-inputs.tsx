import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { FieldError } from "~/components/form-field";
import { useI18n } from "~/i18n/use-i18n";

type DateField = FieldMetadata<string, Record<string, unknown>, string[]>;

/** The first and last day of a report's or a statement's range, each with its field error. */
export function DateRangeInputs({ from, to }: { from: DateField; to: DateField }) {
  const { t } = useI18n();
  const fieldClass = "mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2 text-base";
  const { key: fromKey, ...fromProps } = getInputProps(from, { type: "date" });
  const { key: toKey, ...toProps } = getInputProps(to, { type: "date" });
  return (
    <>
      <div>
        <label htmlFor={from.id} className="text-sm font-medium">
          {t("dash.reports.from")}
        </label>
        <input key={fromKey} {...fromProps} min="2020-01-01" max="2099-12-31" className={fieldClass} />
        <FieldError field={from} />
      </div>
      <div>
        <label htmlFor={to.id} className="text-sm font-medium">
          {t("dash.reports.to")}
        </label>
        <input key={toKey} {...toProps} min="2020-01-01" max="2099-12-31" className={fieldClass} />
        <FieldError field={to} />
      </div>
    </>
  );
}
