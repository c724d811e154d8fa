import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { AddToCartForm } from "~/components/add-to-cart-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SplitPreview } from "~/components/split-preview";
import { StockNote } from "~/components/stock-note";
import { unitKey } from "~/components/unit-label";
import { invariantResponse } from "~/http/invariant-response";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getProductBySlug } from "~/models/product.server";
import { requestScope } from "~/http/request-scope.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, () => (data ? { title: data.product.title, description: data.product.description.slice(0, 160) } : {}));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const product = await requestScope(context, request).runPublic((tx) => getProductBySlug(tx, slug, resolveLocale(request)));
  invariantResponse(product, "Product not found");
  return { product };
}

export default function ProductPage() {
  const { product } = useLoaderData<typeof loader>();
  const { t, price } = useI18n();
  const location = useLocation();
  const addedWithoutJs = new URLSearchParams(location.search).get("added") === product.id;
  const maxQuantity = Math.min(product.stock, product.perBuyerLimit ?? 99, 99);
  const image = product.images[0];
  const householdName = product.household?.name ?? null;
  const villageName = product.coop.village;
  return (
    <article className="grid gap-6 md:grid-cols-2">
      <div>
        {image ? (
          <img
            src={image.src}
            alt={image.alt}
            width={image.width}
            height={image.height}
            fetchPriority="high"
            className="w-full rounded-lg bg-soil-100"
          />
        ) : null}
      </div>
      <div className="space-y-4">
        <p className="text-sm">
          <Link to={`/coops/${product.coop.slug}`} className="text-leaf-800">
            {product.coop.name}
          </Link>
        </p>
        <h1 className="text-2xl font-bold leading-tight">{product.title}</h1>
        <p>
          <span className="text-2xl font-bold text-chili-700">{price(product.priceFen)}</span>{" "}
          <span className="text-soil-800">{t("product.perUnit", { unit: t(unitKey(product.unit)) })}</span>
        </p>
        <StockNote stock={product.stock} />
        {product.perBuyerLimit ? <p className="text-sm text-soil-800">{t("product.limit", { count: product.perBuyerLimit })}</p> : null}
        {addedWithoutJs ? (
          <p role="status" className="text-sm text-leaf-800">
            {t("cart.added")}{" "}
            <Link to="/cart" className="font-medium">
              {t("cart.viewCart")}
            </Link>
          </p>
        ) : null}
        <AddToCartForm productId={product.id} title={product.title} maxQuantity={maxQuantity} returnTo={`/products/${product.slug}`} />
        <p className="whitespace-pre-line leading-relaxed">{product.description}</p>

        <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("product.grownBy")}</dt>
          <dd>
            {product.household && householdName
              ? `${householdName} · ${t("product.members", { count: product.household.members })}`
              : t("product.collectiveOwned", { coop: villageName })}
          </dd>
        </dl>
        <p className="text-sm text-soil-800">
          {t("product.from", {
            village: villageName,
            county: product.coop.county,
            province: product.coop.province,
          })}
        </p>

        {product.splitRule ? (
          <SplitPreview amountFen={product.priceFen} rule={product.splitRule} householdName={householdName} villageName={villageName} />
        ) : null}

        <section aria-labelledby="coop-title" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="coop-title" className="font-semibold">
            {t("product.aboutCoop")}
          </h2>
          <p className="mt-1 text-sm leading-relaxed text-soil-800">{product.coop.story}</p>
          <p className="mt-2 text-sm">
            <Link to={`/coops/${product.coop.slug}`} className="font-medium text-leaf-800">
              {t("product.visitCoop", { coop: product.coop.name })}
            </Link>
          </p>
        </section>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
