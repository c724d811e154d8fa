import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { InputHTMLAttributes } from "react";
import { fieldErrorText } from "~/forms/field-errors";
import { useI18n } from "~/i18n/use-i18n";

type InputType = Parameters<typeof getInputProps>[1]["type"];

/**
 * A labelled input bound to a Conform field: name, id, value and errors come from the
 * form; the error and hint are linked with aria-invalid / aria-describedby.
 */
export function FormField<Schema>({
  field,
  label,
  hint,
  type = "text",
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "type" | "defaultValue"> & {
  field: FieldMetadata<Schema, Record<string, unknown>, string[]>;
  label: string;
  hint?: string;
  type?: Exclude<InputType, "checkbox" | "radio">;
}) {
  const { t } = useI18n();
  const error = fieldErrorText(t, field.errors);
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium">
        {label}
      </label>
      <input key={key} {...props} className="mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2" {...input} />
      {hint ? (
        <p id={field.descriptionId} className="mt-1 text-xs text-soil-800">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={field.errorId} className="mt-1 text-sm text-chili-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The error text under a control that is not a FormField (a select, a textarea, a group). */
export function FieldError<Schema>({ field }: { field: FieldMetadata<Schema, Record<string, unknown>, string[]> }) {
  const { t } = useI18n();
  const error = fieldErrorText(t, field.errors);
  return error ? (
    <p id={field.errorId} className="mt-1 text-sm text-chili-700">
      {error}
    </p>
  ) : null;
}
