import { Link } from "@remix-run/react";
import { QuickAddForm } from "~/components/quick-add-form";
import { StockNote } from "~/components/stock-note";
import { unitKey } from "~/components/unit-label";
import { useI18n } from "~/i18n/use-i18n";
import type { ProductSummary } from "~/models/product.server";

// The product the host is talking about, as a compact row under the docked player: on a phone
// it must leave room for the rail, so a thumbnail rather than ProductCard's full-width photo.
export function PinnedProduct({ product, buyFrom }: { product: ProductSummary; buyFrom?: { liveSessionId: string; returnTo: string } }) {
  const { t, price } = useI18n();
  const canBuy = buyFrom && Math.min(product.stock, product.perBuyerLimit ?? 99) >= 1;
  return (
    <article className="flex gap-3 rounded-lg border-2 border-chili-600 bg-white p-2 shadow-sm">
      {product.image ? (
        <img
          src={product.image.src}
          alt={product.image.alt}
          width={96}
          height={72}
          decoding="async"
          className="h-[72px] w-24 shrink-0 rounded bg-soil-100 object-cover"
        />
      ) : null}
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <h3 className="truncate font-semibold leading-snug">
          <Link to={`/products/${product.slug}`} className="text-soil-900 hover:underline">
            {product.title}
          </Link>
        </h3>
        <p>
          <span className="font-bold text-chili-700">{price(product.priceFen)}</span>{" "}
          <span className="text-sm text-soil-800">{t("product.perUnit", { unit: t(unitKey(product.unit)) })}</span>
        </p>
        <StockNote stock={product.stock} />
        {buyFrom && canBuy ? (
          <QuickAddForm productId={product.id} title={product.title} liveSessionId={buyFrom.liveSessionId} returnTo={buyFrom.returnTo} />
        ) : null}
      </div>
    </article>
  );
}
