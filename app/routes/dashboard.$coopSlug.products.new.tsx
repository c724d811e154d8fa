import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProductForm, type ProductFormValues } from "~/components/dashboard/product-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { FormReply } from "~/forms/parse-form";
import { productWriteErrors } from "~/forms/product";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { readProductSubmission, storeProductPhoto } from "~/http/product-submission.server";
import { requestScope } from "~/http/request-scope.server";
import { useI18n } from "~/i18n/use-i18n";
import { resolveLocale } from "~/i18n/locale";
import { listCategories } from "~/models/category.server";
import { listHouseholds } from "~/models/dashboard/households.server";
import { createProduct } from "~/models/dashboard/products.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  return scope.run(async (tx) => ({
    categories: await listCategories(tx, resolveLocale(request)),
    households: await listHouseholds(tx, coop.id),
  }));
}

type ActionData = { result: FormReply };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const form = await readProductSubmission(request);
  if (!form.ok) return data<ActionData>({ result: form.result }, { status: 422 });
  const { price, ...rest } = form.value;
  const { upload } = form.photo;
  // The photo is stored first: if the product is then refused, the stored object is an
  // unreferenced (content-addressed, harmless) file, never a product pointing at nothing.
  const stored = upload ? await storeProductPhoto(context, await scope.auth(), coop.slug, { ...form.photo, upload }) : null;
  if (stored && !stored.ok) return data<ActionData>({ result: form.reply({ fieldErrors: stored.fieldErrors }) }, { status: 422 });
  const images = stored?.ok ? [stored.image] : [];
  const result = await scope.run((tx) => createProduct(tx, coop.id, { ...rest, priceFen: price }, images));
  if (!result.ok) return data<ActionData>({ result: form.reply({ fieldErrors: productWriteErrors(result.error) }) }, { status: 422 });
  return redirect(`/dashboard/${coop.slug}/products/${result.id}?saved=1`);
}

const EMPTY: ProductFormValues = {
  titleZh: "",
  titleEn: "",
  descriptionZh: "",
  descriptionEn: "",
  categorySlug: "rice",
  unit: "kg",
  priceFen: null,
  stock: 0,
  perBuyerLimit: null,
  householdId: null,
  status: "draft",
  featured: false,
  imageAltZh: "",
  imageAltEn: "",
};

export default function NewProduct() {
  const { categories, households } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <section aria-labelledby="new-product" className="space-y-3">
      <h2 id="new-product" className="text-xl font-bold">
        {t("dash.product.new")}
      </h2>
      <ProductForm
        values={EMPTY}
        lastResult={result?.result}
        categories={categories}
        households={households}
        submitLabel={t("dash.product.new")}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
