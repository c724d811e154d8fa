import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { FieldError, FormField } from "~/components/form-field";
import { unitKey } from "~/components/unit-label";
import { fenToYuanString } from "~/domain/money";
import type { FormReply } from "~/forms/parse-form";
import { productFormSchema, UNITS } from "~/forms/product";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { ProductInput } from "~/models/dashboard/products.server";
import type { ProductImage } from "~/models/product-image";

/** What the form starts with: the product as stored (edit) or a blank one (new). */
export type ProductFormValues = Omit<ProductInput, "priceFen" | "stockSeen"> & {
  priceFen: number | null;
  imageAltZh: string;
  imageAltEn: string;
};

const selectClass = "mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2";

/** The create/edit product form; a plain HTML (multipart) form, so it works without JavaScript. */
export function ProductForm(props: {
  values: ProductFormValues;
  /** the action's reply to the last submission (values and errors) */
  lastResult?: FormReply;
  /** The product's current photo (edit page), shown above the file input. */
  photo?: ProductImage | null;
  categories: { slug: string; name: string }[];
  households: { id: string; nameZh: string; nameEn: string; status: string }[];
  submitLabel: string;
  /** on edit: the stock as loaded, so a save applies the admin's change as a delta */
  stockSeen?: number;
}) {
  const { t, pick } = useI18n();
  const navigation = useNavigation();
  const v = props.values;
  const [form, fields] = useSchemaForm(productFormSchema, {
    id: "product",
    lastResult: props.lastResult,
    defaultValue: {
      ...v,
      price: v.priceFen === null ? "" : fenToYuanString(v.priceFen),
      perBuyerLimit: v.perBuyerLimit ?? null,
      householdId: v.householdId ?? null,
    },
  });
  const select = (field: FieldMetadata<unknown, Record<string, unknown>, string[]>) => {
    const { key, ...rest } = getSelectProps(field);
    return { key, props: rest };
  };
  const category = select(fields.categorySlug);
  const unit = select(fields.unit);
  const household = select(fields.householdId);
  const status = select(fields.status);
  const { key: featuredKey, ...featured } = getInputProps(fields.featured, { type: "checkbox" });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField field={fields.titleZh} label={t("dash.product.titleZh")} required maxLength={120} />
        <FormField field={fields.titleEn} label={t("dash.product.titleEn")} required maxLength={120} />
      </div>
      {(["descriptionZh", "descriptionEn"] as const).map((f) => {
        const { key, ...textarea } = getTextareaProps(fields[f]);
        return (
          <div key={f}>
            <label htmlFor={fields[f].id} className="block text-sm font-medium">
              {t(f === "descriptionZh" ? "dash.product.descriptionZh" : "dash.product.descriptionEn")}
            </label>
            <textarea key={key} {...textarea} rows={4} maxLength={2000} className={selectClass} />
            <FieldError field={fields[f]} />
          </div>
        );
      })}
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={fields.categorySlug.id} className="block text-sm font-medium">
            {t("dash.product.category")}
          </label>
          <select key={category.key} {...category.props} className={selectClass}>
            {props.categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError field={fields.categorySlug} />
        </div>
        <div>
          <label htmlFor={fields.unit.id} className="block text-sm font-medium">
            {t("dash.product.unit")}
          </label>
          <select key={unit.key} {...unit.props} className={selectClass}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {t(unitKey(u))}
              </option>
            ))}
          </select>
          <FieldError field={fields.unit} />
        </div>
        <FormField field={fields.price} label={t("dash.product.price")} inputMode="decimal" required />
        <FormField field={fields.stock} label={t("dash.product.stock")} type="number" min={0} required />
        {props.stockSeen !== undefined ? <input type="hidden" name="stockSeen" value={props.stockSeen} /> : null}
        <FormField field={fields.perBuyerLimit} label={t("dash.product.limit")} type="number" min={1} max={999} />
        <div>
          <label htmlFor={fields.householdId.id} className="block text-sm font-medium">
            {t("dash.product.grower")}
          </label>
          <select key={household.key} {...household.props} className={selectClass}>
            <option value="">{t("dash.product.collective")}</option>
            {props.households
              .filter((h) => h.status === "active" || h.id === v.householdId)
              .map((h) => (
                <option key={h.id} value={h.id}>
                  {pick(h.nameZh, h.nameEn)}
                </option>
              ))}
          </select>
          <FieldError field={fields.householdId} />
        </div>
        <div>
          <label htmlFor={fields.status.id} className="block text-sm font-medium">
            {t("dash.product.status")}
          </label>
          <select key={status.key} {...status.props} className={selectClass}>
            <option value="draft">{t("dash.product.status.draft")}</option>
            <option value="active">{t("dash.product.status.active")}</option>
            <option value="archived">{t("dash.product.status.archived")}</option>
          </select>
          <FieldError field={fields.status} />
        </div>
        <label className="flex items-center gap-2 self-end text-sm">
          <input key={featuredKey} {...featured} className="h-5 w-5" />
          {t("dash.product.featured")}
        </label>
      </div>
      <div className="space-y-3 border-t border-soil-100 pt-4">
        <CurrentPhoto photo={props.photo ?? null} />
        <FormField
          field={fields.image}
          type="file"
          accept={ACCEPTED_TYPES}
          label={t("dash.product.photo")}
          hint={t("dash.product.photoHint")}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField field={fields.imageAltZh} label={t("dash.product.photoAltZh")} maxLength={200} hint={t("dash.product.photoAltHint")} />
          <FormField field={fields.imageAltEn} label={t("dash.product.photoAltEn")} maxLength={200} hint={t("dash.product.photoAltHint")} />
        </div>
      </div>
      <button
        type="submit"
        name="intent"
        value="save"
        disabled={navigation.state === "submitting"}
        className="rounded bg-leaf-700 px-5 py-2 font-semibold text-white hover:bg-leaf-800 disabled:opacity-70"
      >
        {props.submitLabel}
      </button>
    </Form>
  );
}

const ACCEPTED_TYPES = "image/png,image/jpeg,image/webp";

function CurrentPhoto({ photo }: { photo: ProductImage | null }) {
  const { t, pick } = useI18n();
  if (!photo) return <p className="text-sm text-soil-800">{t("dash.product.noPhoto")}</p>;
  return (
    <figure className="space-y-1">
      <img
        src={photo.src}
        alt={pick(photo.alt_zh, photo.alt_en)}
        width={photo.width}
        height={photo.height}
        className="h-40 w-auto max-w-full rounded bg-soil-100 object-contain"
      />
      <figcaption className="text-sm text-soil-800">
        {t("dash.product.currentPhoto", { width: photo.width, height: photo.height })}
      </figcaption>
    </figure>
  );
}
