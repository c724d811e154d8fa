import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import type { ProductSummary } from "~/models/product.server";
import { QuickAddForm } from "./quick-add-form";
import { StockNote } from "./stock-note";
import { unitKey } from "./unit-label";

// headingLevel: h3 under a section's h2 (home), h2 directly under the page's h1 (/products),
// so the outline never skips a level (Lighthouse/axe "heading-order").
export function ProductCard({
  product,
  eager = false,
  headingLevel = 3,
  buyFrom,
}: {
  product: ProductSummary;
  eager?: boolean;
  headingLevel?: 2 | 3;
  /** Show a one-tap add button, attributing the sale to this live session. */
  buyFrom?: { liveSessionId: string; returnTo: string };
}) {
  const { t, price } = useI18n();
  const title = product.title;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="flex flex-col overflow-hidden rounded-lg border border-soil-100 bg-white shadow-sm">
      {product.image ? (
        <img
          src={product.image.src}
          alt={product.image.alt}
          width={product.image.width}
          height={product.image.height}
          loading={eager ? "eager" : "lazy"}
          decoding="async"
          className="aspect-[4/3] w-full bg-soil-100 object-cover"
        />
      ) : null}
      <div className="flex flex-1 flex-col gap-1 p-3">
        <Heading className="text-base font-semibold leading-snug">
          <Link to={`/products/${product.slug}`} className="text-soil-900 hover:underline">
            {title}
          </Link>
        </Heading>
        <p className="text-sm text-soil-800">{product.village}</p>
        <p className="mt-auto pt-2">
          <span className="text-lg font-bold text-chili-700">{price(product.priceFen)}</span>{" "}
          <span className="text-sm text-soil-800">{t("product.perUnit", { unit: t(unitKey(product.unit)) })}</span>
        </p>
        <StockNote stock={product.stock} />
        {buyFrom ? (
          <div className="pt-2">
            {Math.min(product.stock, product.perBuyerLimit ?? 99) >= 1 ? (
              <QuickAddForm productId={product.id} title={title} liveSessionId={buyFrom.liveSessionId} returnTo={buyFrom.returnTo} />
            ) : null}
          </div>
        ) : null}
      </div>
    </article>
  );
}
