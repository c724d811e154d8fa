import { useI18n } from "~/i18n/use-i18n";
import type { MessageKey } from "~/i18n/translate";

/** A labelled <select> with an "all" option and its field error, for GET filter forms. */
export function SelectFilter(props: {
  name: string;
  label: string;
  allLabel: string;
  value: string;
  options: { value: string; label: string }[];
  error?: MessageKey;
  className: string;
}) {
  const { t } = useI18n();
  const errorId = `${props.name}-error`;
  return (
    <div>
      <label htmlFor={props.name} className="text-sm font-medium">{props.label}</label>
      <select id={props.name} name={props.name} defaultValue={props.value} className={props.className}
        aria-invalid={props.error ? true : undefined} aria-describedby={props.error ? errorId : undefined}>
        <option value="">{props.allLabel}</option>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {props.error ? <p id={errorId} className="mt-1 text-sm text-chili-700">{t(props.error)}</p> : null}
    </div>
  );
}
