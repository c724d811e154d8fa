import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductCard } from "~/components/product-card";
import { SelectFilter } from "~/components/select-filter";
import { echoable } from "~/forms/form-object";
import { parseProductFilters, type ProductFilterErrors } from "~/forms/product-filters";
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
  const params = new URL(request.url).searchParams;
  const parsed = parseProductFilters(params);
  const locale = resolveLocale(request);
  return requestScope(context, request).runPublic(async (tx) => {
    const categories = await listCategories(tx, locale);
    const coops = await listCooperativeOptions(tx, locale);
    const errors: ProductFilterErrors = parsed.ok ? {} : { ...parsed.errors };
    const filters = parsed.ok ? parsed.value : { inStock: false };
    if (parsed.ok && filters.category && !categories.some((c) => c.slug === filters.category)) {
      errors.category = "products.errors.category";
    }
    if (parsed.ok && filters.coop && !coops.some((c) => c.slug === filters.coop)) {
      errors.coop = "products.errors.coop";
    }
    const form = {
      q: echoable(params.get("q") ?? ""),
      category: echoable(params.get("category") ?? ""),
      coop: echoable(params.get("coop") ?? ""),
      inStock: parsed.ok ? parsed.value.inStock : false,
    };
    if (Object.keys(errors).length > 0) {
      return data({ products: [], categories, coops, form, errors }, { status: 400 });
    }
    const products = await searchProducts(tx, filters, locale);
    return { products, categories, coops, form, errors };
  });
}

export default function ProductsPage() {
  const { products, categories, coops, form, errors } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const hasErrors = Object.keys(errors).length > 0;
  const fieldClass = "mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2 text-base";
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("products.title")}</h1>
      <p className="mt-1 text-soil-800">{t("products.intro")}</p>

      <Form method="get" role="search" aria-label={t("products.filters")} className="mt-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="text-sm font-medium">{t("products.search")}</label>
          <input id="q" name="q" type="search" defaultValue={form.q} placeholder={t("products.searchPlaceholder")}
            aria-invalid={errors.q ? true : undefined} aria-describedby={errors.q ? "q-error" : undefined} className={fieldClass} />
          {errors.q ? <p id="q-error" className="mt-1 text-sm text-chili-700">{t(errors.q)}</p> : null}
        </div>
        <SelectFilter name="category" label={t("products.category")} allLabel={t("products.allCategories")}
          value={form.category} error={errors.category} className={fieldClass}
          options={categories.map((c) => ({ value: c.slug, label: c.name }))} />
        <SelectFilter name="coop" label={t("products.coop")} allLabel={t("products.allCoops")}
          value={form.coop} error={errors.coop} className={fieldClass}
          options={coops.map((c) => ({ value: c.slug, label: c.name }))} />
        <div className="flex flex-col justify-end gap-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="inStock" defaultChecked={form.inStock} className="h-5 w-5" />
            {t("products.inStockOnly")}
          </label>
          <div className="flex gap-2">
            <button type="submit" className="rounded bg-leaf-700 px-4 py-2 font-semibold text-white hover:bg-leaf-800">
              {t("products.apply")}
            </button>
            <Link to="/products" className="rounded px-3 py-2 text-leaf-800">{t("products.clear")}</Link>
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
              {products.map((p, i) => <li key={p.id} className="flex"><ProductCard product={p} eager={i < 2} headingLevel={2} /></li>)}
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
