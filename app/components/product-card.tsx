import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import type { ProductSummary } from "~/models/product.server";
import { StockNote } from "./stock-note";
import { unitKey } from "./unit-label";

export function ProductCard({ product, eager = false }: { product: ProductSummary; eager?: boolean }) {
  const { t, pick, price } = useI18n();
  const title = pick(product.titleZh, product.titleEn);
  return (
    <article className="flex flex-col overflow-hidden rounded-lg border border-soil-100 bg-white shadow-sm">
      {product.image ? (
        <img
          src={product.image.src}
          alt={pick(product.image.alt_zh, product.image.alt_en)}
          width={product.image.width}
          height={product.image.height}
          loading={eager ? "eager" : "lazy"}
          decoding="async"
          className="aspect-[4/3] w-full bg-soil-100 object-cover"
        />
      ) : null}
      <div className="flex flex-1 flex-col gap-1 p-3">
        <h3 className="text-base font-semibold leading-snug">
          <Link to={`/products/${product.slug}`} className="text-soil-900 hover:underline">
            {title}
          </Link>
        </h3>
        <p className="text-sm text-soil-800">{pick(product.villageZh, product.villageEn)}</p>
        <p className="mt-auto pt-2">
          <span className="text-lg font-bold text-chili-700">{price(product.priceFen)}</span>{" "}
          <span className="text-sm text-soil-800">{t("product.perUnit", { unit: t(unitKey(product.unit)) })}</span>
        </p>
        <StockNote stock={product.stock} />
      </div>
    </article>
  );
}
