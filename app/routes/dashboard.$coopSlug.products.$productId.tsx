import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ProductForm, type ProductFormValues } from "~/components/dashboard/product-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { FormReply } from "~/forms/parse-form";
import { productWriteErrors } from "~/forms/product";
import { isUuid } from "~/domain/uuid";
import { describeCurrentPhoto } from "~/forms/product-photo";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { invariantResponse } from "~/http/invariant-response";
import { readProductSubmission, storeProductPhoto } from "~/http/product-submission.server";
import { requestScope } from "~/http/request-scope.server";
import { useI18n } from "~/i18n/use-i18n";
import { resolveLocale } from "~/i18n/locale";
import { listCategories } from "~/models/category.server";
import { listHouseholds } from "~/models/dashboard/households.server";
import { getEditableProduct, updateProduct, type EditableProduct } from "~/models/dashboard/products.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const productId = params.productId ?? "";
  invariantResponse(isUuid(productId), "Not found");
  const result = await scope.run(async (tx) => ({
    product: await getEditableProduct(tx, coop.id, productId),
    categories: await listCategories(tx, resolveLocale(request)),
    households: await listHouseholds(tx, coop.id),
  }));
  invariantResponse(result.product, "Not found");
  return { ...result, product: result.product };
}

type ActionData = { saved: boolean; result: FormReply };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const productId = params.productId ?? "";
  invariantResponse(isUuid(productId), "Not found");
  // Another cooperative's product is a 404 before anything is read or stored.
  const existing = await scope.run((tx) => getEditableProduct(tx, coop.id, productId));
  invariantResponse(existing, "Not found");
  const form = await readProductSubmission(request);
  if (!form.ok) return data<ActionData>({ saved: false, result: form.result }, { status: 422 });
  const { price, ...rest } = form.value;
  const { upload } = form.photo;
  // Stored before the product is written, so the product never points at a missing file.
  const stored = upload ? await storeProductPhoto(context, await scope.auth(), coop.slug, { ...form.photo, upload }) : null;
  if (stored && !stored.ok)
    return data<ActionData>({ saved: false, result: form.reply({ fieldErrors: stored.fieldErrors }) }, { status: 422 });
  // A new photo replaces the images; without one they stay (their description may change).
  const images = stored?.ok ? [stored.image] : describeCurrentPhoto(existing.images, form.photo);
  const result = await scope.run((tx) => updateProduct(tx, coop.id, productId, { ...rest, priceFen: price }, images));
  invariantResponse(result, "Not found");
  if (!result.ok)
    return data<ActionData>({ saved: false, result: form.reply({ fieldErrors: productWriteErrors(result.error) }) }, { status: 422 });
  // Saved: the form starts again from the stored product (the stock may have moved since).
  return { saved: true, result: form.reply({ resetForm: true }) } satisfies ActionData;
}

function formValues(product: EditableProduct): ProductFormValues {
  return { ...product, imageAltZh: product.images[0]?.alt_zh ?? "", imageAltEn: product.images[0]?.alt_en ?? "" };
}

export default function EditProduct() {
  const { product, categories, households } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const { t } = useI18n();
  const saved = result?.saved || (!result && new URLSearchParams(location.search).get("saved") === "1");
  const photo = product.images[0] ?? null;
  return (
    <section aria-labelledby="edit-product" className="space-y-3">
      <h2 id="edit-product" className="text-xl font-bold">
        {t("dash.product.editTitle")}
      </h2>
      {saved ? (
        <p role="status" className="rounded bg-leaf-50 p-3 text-leaf-800">
          {t("dash.saved")}
        </p>
      ) : null}
      {product.status === "active" ? (
        <p className="text-sm">
          <Link to={`/products/${product.slug}`} className="text-leaf-800">
            {t("dash.product.view")}
          </Link>
        </p>
      ) : null}
      {/* Keyed by the photo, so a saved upload clears the file input and refreshes the descriptions. */}
      {/* Remount after a save so the fields show the stored values (stock may have moved). */}
      <ProductForm
        key={`${photo?.src ?? "no-photo"}:${product.stock}`}
        values={formValues(product)}
        lastResult={result?.result}
        photo={photo}
        categories={categories}
        households={households}
        submitLabel={t("dash.save")}
        stockSeen={product.stock}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
