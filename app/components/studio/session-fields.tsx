import type { FieldMetadata } from "@conform-to/react";
import { FieldError, FormField } from "~/components/form-field";
import { useI18n } from "~/i18n/use-i18n";

type Field = FieldMetadata<unknown, Record<string, unknown>, string[]>;
export type SessionFieldset = Record<"titleZh" | "titleEn" | "descriptionZh" | "descriptionEn", Field> &
  Partial<Record<"scheduledStart" | "productIds", Field>>;

const AREA = "mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2";

/** Both languages' title and description; the start time and products when they may change. */
export function SessionFields({ fields, products }: { fields: SessionFieldset; products?: { id: string; title: string }[] }) {
  const { t } = useI18n();
  const chosen = new Set(
    ([] as unknown[]).concat(fields.productIds?.value ?? fields.productIds?.initialValue ?? []).filter((v) => typeof v === "string"),
  );
  return (
    <div className="space-y-3">
      <FormField field={fields.titleZh} label={t("studio.field.titleZh")} required maxLength={120} />
      <FormField field={fields.titleEn} label={t("studio.field.titleEn")} required maxLength={120} />
      <TextArea field={fields.descriptionZh} label={t("studio.field.descriptionZh")} />
      <TextArea field={fields.descriptionEn} label={t("studio.field.descriptionEn")} />
      {fields.scheduledStart ? (
        <FormField field={fields.scheduledStart} label={t("studio.field.start")} type="datetime-local" required />
      ) : null}
      {fields.productIds && products ? (
        <fieldset aria-describedby={fields.productIds.errors ? fields.productIds.errorId : undefined}>
          <legend className="text-sm font-medium">{t("studio.field.products")}</legend>
          {products.length === 0 ? <p className="mt-1 text-sm text-soil-800">{t("studio.noCoopProducts")}</p> : null}
          <ul className="mt-1 divide-y divide-soil-100 rounded border border-soil-100">
            {products.map((p) => (
              <li key={p.id}>
                <label className="flex min-h-12 items-center gap-3 px-3 py-2">
                  <input
                    type="checkbox"
                    name={fields.productIds!.name}
                    value={p.id}
                    defaultChecked={chosen.has(p.id)}
                    className="h-5 w-5"
                  />
                  <span>{p.title}</span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError field={fields.productIds} />
        </fieldset>
      ) : null}
    </div>
  );
}

function TextArea({ field, label }: { field: Field; label: string }) {
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={field.id}
        name={field.name}
        defaultValue={typeof field.initialValue === "string" ? field.initialValue : ""}
        maxLength={2000}
        rows={3}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={field.errors ? field.errorId : undefined}
        className={AREA}
      />
      <FieldError field={field} />
    </div>
  );
}
