import { Form } from "@remix-run/react";
import { FormField } from "~/components/form-field";
import { unitKey } from "~/components/unit-label";
import { fenToYuanString, parseYuan } from "~/domain/money";
import type { FormErrors } from "~/forms/dashboard";
import { useI18n } from "~/i18n/use-i18n";
import type { ProductImage } from "~/models/product-image";

export type ProductFormField =
  | "titleZh" | "titleEn" | "descriptionZh" | "descriptionEn" | "categorySlug" | "unit" | "price" | "stock"
  | "perBuyerLimit" | "householdId" | "status" | "featured" | "image" | "imageAltZh" | "imageAltEn";

export type ProductFormValues = {
  titleZh: string; titleEn: string; descriptionZh: string; descriptionEn: string; categorySlug: string; unit: string;
  priceFen: number | null; stock: number; perBuyerLimit: number | null; householdId: string | null;
  status: "draft" | "active" | "archived"; featured: boolean; imageAltZh: string; imageAltEn: string;
};

const UNITS = ["kg", "jin", "box", "bag", "jar", "piece"];
const selectClass = "mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2";

/** The create/edit product form; a plain HTML (multipart) form, so it works without JavaScript. */
export function ProductForm(props: {
  values: ProductFormValues;
  /** The product's current photo (edit page), shown above the file input. */
  photo?: ProductImage | null;
  errors: FormErrors<ProductFormField>;
  categories: { slug: string; name: string }[];
  households: { id: string; nameZh: string; nameEn: string; status: string }[];
  submitLabel: string;
  /** on edit: the stock as loaded, so a save applies the admin's change as a delta */
  stockSeen?: number;
}) {
  const { t, pick } = useI18n();
  const v = props.values;
  const err = (f: ProductFormField) => (props.errors[f] ? t(props.errors[f]!) : undefined);
  const errId = (f: ProductFormField) => (props.errors[f] ? `${f}-error` : undefined);
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="titleZh" label={t("dash.product.titleZh")} required maxLength={120} defaultValue={v.titleZh} error={err("titleZh")} />
        <FormField id="titleEn" label={t("dash.product.titleEn")} required maxLength={120} defaultValue={v.titleEn} error={err("titleEn")} />
      </div>
      {(["descriptionZh", "descriptionEn"] as const).map((f) => (
        <div key={f}>
          <label htmlFor={f} className="block text-sm font-medium">{t(f === "descriptionZh" ? "dash.product.descriptionZh" : "dash.product.descriptionEn")}</label>
          <textarea id={f} name={f} rows={4} maxLength={2000} defaultValue={v[f]} aria-invalid={err(f) ? true : undefined}
            aria-describedby={errId(f)} className={selectClass} />
          {err(f) ? <p id={`${f}-error`} className="mt-1 text-sm text-chili-700">{err(f)}</p> : null}
        </div>
      ))}
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="categorySlug" className="block text-sm font-medium">{t("dash.product.category")}</label>
          <select id="categorySlug" name="categorySlug" defaultValue={v.categorySlug} className={selectClass} aria-describedby={errId("categorySlug")}>
            {props.categories.map((c) => <option key={c.slug} value={c.slug}>{c.name}</option>)}
          </select>
          {err("categorySlug") ? <p id="categorySlug-error" className="mt-1 text-sm text-chili-700">{err("categorySlug")}</p> : null}
        </div>
        <div>
          <label htmlFor="unit" className="block text-sm font-medium">{t("dash.product.unit")}</label>
          <select id="unit" name="unit" defaultValue={v.unit} className={selectClass}>
            {UNITS.map((u) => <option key={u} value={u}>{t(unitKey(u))}</option>)}
          </select>
        </div>
        <FormField id="price" label={t("dash.product.price")} inputMode="decimal" required
          defaultValue={v.priceFen === null ? "" : fenToYuanString(v.priceFen)} error={err("price")} />
        <FormField id="stock" label={t("dash.product.stock")} type="number" min={0} required defaultValue={v.stock} error={err("stock")} />
        {props.stockSeen !== undefined ? <input type="hidden" name="stockSeen" value={props.stockSeen} /> : null}
        <FormField id="perBuyerLimit" label={t("dash.product.limit")} type="number" min={1} max={999}
          defaultValue={v.perBuyerLimit ?? ""} error={err("perBuyerLimit")} />
        <div>
          <label htmlFor="householdId" className="block text-sm font-medium">{t("dash.product.grower")}</label>
          <select id="householdId" name="householdId" defaultValue={v.householdId ?? ""} className={selectClass} aria-describedby={errId("householdId")}>
            <option value="">{t("dash.product.collective")}</option>
            {props.households.filter((h) => h.status === "active" || h.id === v.householdId).map((h) => (
              <option key={h.id} value={h.id}>{pick(h.nameZh, h.nameEn)}</option>
            ))}
          </select>
          {err("householdId") ? <p id="householdId-error" className="mt-1 text-sm text-chili-700">{err("householdId")}</p> : null}
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">{t("dash.product.status")}</label>
          <select id="status" name="status" defaultValue={v.status} className={selectClass}>
            <option value="draft">{t("dash.product.status.draft")}</option>
            <option value="active">{t("dash.product.status.active")}</option>
            <option value="archived">{t("dash.product.status.archived")}</option>
          </select>
        </div>
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" name="featured" defaultChecked={v.featured} className="h-5 w-5" />
          {t("dash.product.featured")}
        </label>
      </div>
      <PhotoFields values={v} photo={props.photo ?? null} err={err} />
      <button type="submit" name="intent" value="save" className="rounded bg-leaf-700 px-5 py-2 font-semibold text-white hover:bg-leaf-800">
        {props.submitLabel}
      </button>
    </Form>
  );
}

const ACCEPTED_TYPES = "image/png,image/jpeg,image/webp";

function PhotoFields({ values, photo, err }: {
  values: ProductFormValues; photo: ProductImage | null; err: (f: ProductFormField) => string | undefined;
}) {
  const { t, pick } = useI18n();
  return (
    <div className="space-y-3 border-t border-soil-100 pt-4">
      {photo ? (
        <figure className="space-y-1">
          <img src={photo.src} alt={pick(photo.alt_zh, photo.alt_en)} width={photo.width} height={photo.height}
            className="h-40 w-auto max-w-full rounded bg-soil-100 object-contain" />
          <figcaption className="text-sm text-soil-800">{t("dash.product.currentPhoto", { width: photo.width, height: photo.height })}</figcaption>
        </figure>
      ) : (
        <p className="text-sm text-soil-800">{t("dash.product.noPhoto")}</p>
      )}
      <FormField id="image" type="file" accept={ACCEPTED_TYPES} label={t("dash.product.photo")} hint={t("dash.product.photoHint")} error={err("image")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="imageAltZh" label={t("dash.product.photoAltZh")} maxLength={200} defaultValue={values.imageAltZh}
          hint={t("dash.product.photoAltHint")} error={err("imageAltZh")} />
        <FormField id="imageAltEn" label={t("dash.product.photoAltEn")} maxLength={200} defaultValue={values.imageAltEn}
          hint={t("dash.product.photoAltHint")} error={err("imageAltEn")} />
      </div>
    </div>
  );
}

/** What the admin typed, back into form values after a refused submit. */
export function echoValues(echo: Record<string, string>, fallback: ProductFormValues): ProductFormValues {
  if (Object.keys(echo).length === 0) return fallback;
  const str = (k: keyof ProductFormValues) => (echo[k] ?? String(fallback[k] ?? ""));
  return {
    titleZh: str("titleZh"), titleEn: str("titleEn"), descriptionZh: str("descriptionZh"), descriptionEn: str("descriptionEn"),
    categorySlug: str("categorySlug"), unit: str("unit"), priceFen: parseYuan(echo.price ?? "") ?? fallback.priceFen,
    stock: Number(echo.stock ?? fallback.stock) || 0, perBuyerLimit: echo.perBuyerLimit ? Number(echo.perBuyerLimit) || null : null,
    householdId: echo.householdId || null, status: (echo.status as ProductFormValues["status"]) ?? fallback.status,
    featured: echo.featured === "on", imageAltZh: str("imageAltZh"), imageAltEn: str("imageAltEn"),
  };
}
