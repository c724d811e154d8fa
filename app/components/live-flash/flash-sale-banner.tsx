import { formatCountdown } from "~/domain/flash-sale";
import { useI18n } from "~/i18n/use-i18n";
import type { FlashSaleView } from "./use-flash-sale";

// The flash sale on the pinned card: the flash price against the regular one, units left
// and the countdown, then "sold out" or "over" for everyone at once. The units and the end
// are announced to screen readers (a polite live region); the ticking seconds are not.
export function FlashSaleBanner({ view, regularPriceFen }: { view: NonNullable<FlashSaleView>; regularPriceFen: number }) {
  const { t, price } = useI18n();
  const { sale, phase } = view;
  return (
    <section aria-labelledby={`flash-${sale.flashSaleId}`} className="rounded-lg border-2 border-chili-700 bg-chili-50 p-3 text-soil-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`flash-${sale.flashSaleId}`} className="text-sm font-bold uppercase tracking-wide text-chili-700">
          {t("flash.title")}
        </h3>
        {phase === "open" ? (
          <p
            className="font-mono text-lg font-bold tabular-nums"
            aria-label={t("flash.endsIn", { time: formatCountdown(view.secondsLeft) })}
          >
            <span aria-hidden="true">{formatCountdown(view.secondsLeft)}</span>
          </p>
        ) : null}
      </div>
      <p className="mt-1">
        <span className="text-2xl font-bold text-chili-700">{price(sale.priceFen)}</span>{" "}
        <s className="text-sm text-soil-800" aria-label={t("flash.regularPrice", { price: price(regularPriceFen) })}>
          {price(regularPriceFen)}
        </s>
      </p>
      <p role="status" aria-live="polite" className="mt-1 text-sm font-semibold">
        {phase === "open"
          ? t("flash.unitsLeft", { count: sale.unitsLeft, total: sale.unitsOffered })
          : phase === "sold-out"
            ? t("flash.soldOut")
            : t("flash.over")}
      </p>
      {phase === "open" && sale.perBuyerLimit !== null ? (
        <p className="text-xs text-soil-800">{t("flash.limit", { count: sale.perBuyerLimit })}</p>
      ) : null}
    </section>
  );
}
