import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductCard } from "~/components/product-card";
import { SelectFilter } from "~/components/select-filter";
import { FieldError } from "~/components/form-field";
import type { productFiltersSchema } from "~/forms/product-filters";
import { productFilterConstraint, readProductFilters, replyTo } from "~/forms/product-filters.server";
import { useServerCheckedForm } from "~/forms/use-server-checked-form";
import type { FormShape } from "~/forms/use-schema-form";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { listCategories } from "~/models/category.server";
import { listCooperativeOptions } from "~/models/cooperative.server";
import { searchProducts } from "~/models/product.server";
import { requestScope } from "~/http/request-scope.server";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, (t) => ({ title: t("products.title"), description: t("products.intro") }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const submission = readProductFilters(new URL(request.url).searchParams);
  const locale = resolveLocale(request);
  return requestScope(context, request).runPublic(async (tx) => {
    const categories = await listCategories(tx, locale);
    const coops = await listCooperativeOptions(tx, locale);
    const filters = submission.status === "success" ? submission.value : null;
    // Well-formed but unknown: the same field errors, found by looking.
    const unknown: Record<string, string[]> = {};
    if (filters?.category && !categories.some((c) => c.slug === filters.category)) unknown.category = ["products.errors.category"];
    if (filters?.coop && !coops.some((c) => c.slug === filters.coop)) unknown.coop = ["products.errors.coop"];
    const result = replyTo(submission, { fieldErrors: unknown });
    // The browser's own checks, from the schema, so the page needs no zod of its own.
    const constraint = productFilterConstraint;
    if (!filters || Object.keys(unknown).length > 0) {
      return data({ products: [], categories, coops, result, constraint }, { status: 400 });
    }
    const products = await searchProducts(tx, filters, locale);
    return { products, categories, coops, result, constraint };
  });
}

export default function ProductsPage() {
  const { products, categories, coops, result, constraint } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const [form, fields] = useServerCheckedForm<FormShape<typeof productFiltersSchema>>({ id: "filters", lastResult: result, constraint });
  const hasErrors = result.status === "error";
  const { key: qKey, ...qProps } = getInputProps(fields.q, { type: "search" });
  const { key: inStockKey, ...inStockProps } = getInputProps(fields.inStock, { type: "checkbox" });
  const fieldClass = "mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2 text-base";
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("products.title")}</h1>
      <p className="mt-1 text-soil-800">{t("products.intro")}</p>

      <Form
        method="get"
        {...getFormProps(form)}
        role="search"
        aria-label={t("products.filters")}
        className="mt-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5"
      >
        <div className="sm:col-span-2">
          <label htmlFor={fields.q.id} className="text-sm font-medium">
            {t("products.search")}
          </label>
          <input key={qKey} {...qProps} placeholder={t("products.searchPlaceholder")} className={fieldClass} />
          <FieldError field={fields.q} />
        </div>
        <SelectFilter
          field={fields.category}
          label={t("products.category")}
          allLabel={t("products.allCategories")}
          className={fieldClass}
          options={categories.map((c) => ({ value: c.slug, label: c.name }))}
        />
        <SelectFilter
          field={fields.coop}
          label={t("products.coop")}
          allLabel={t("products.allCoops")}
          className={fieldClass}
          options={coops.map((c) => ({ value: c.slug, label: c.name }))}
        />
        <div className="flex flex-col justify-end gap-2">
          <label className="flex items-center gap-2 text-sm">
            <input key={inStockKey} {...inStockProps} className="h-5 w-5" />
            {t("products.inStockOnly")}
          </label>
          <div className="flex gap-2">
            <button type="submit" className="rounded bg-leaf-700 px-4 py-2 font-semibold text-white hover:bg-leaf-800">
              {t("products.apply")}
            </button>
            <Link to="/products" className="rounded px-3 py-2 text-leaf-800">
              {t("products.clear")}
            </Link>
          </div>
        </div>
      </Form>

      {!hasErrors ? (
        <>
          <p className="mt-4 text-sm text-soil-800" aria-live="polite">
            {t("products.count", { count: products.length })}
          </p>
          {products.length ? (
            <ul className="mt-3 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
              {products.map((p, i) => (
                <li key={p.id} className="flex">
                  <ProductCard product={p} eager={i < 2} headingLevel={2} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-6 text-soil-800">{t("products.none")}</p>
          )}
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
