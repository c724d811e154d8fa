import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { FieldError } from "./form-field";

/** A labelled <select> with an "all" option and its field error, for GET filter forms. */
export function SelectFilter<Schema>(props: {
  field: FieldMetadata<Schema, Record<string, unknown>, string[]>;
  label: string;
  allLabel: string;
  options: { value: string; label: string }[];
  className: string;
}) {
  const { key, ...select } = getSelectProps(props.field);
  return (
    <div>
      <label htmlFor={props.field.id} className="text-sm font-medium">
        {props.label}
      </label>
      <select key={key} {...select} className={props.className}>
        <option value="">{props.allLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError field={props.field} />
    </div>
  );
}
