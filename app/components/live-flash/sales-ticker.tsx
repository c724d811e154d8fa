import { unitKey } from "~/components/unit-label";
import { useI18n } from "~/i18n/use-i18n";
import type { LiveEvent } from "~/realtime/live-event";

type SaleEvent = Extract<LiveEvent, { type: "sale" }>;

/** The sale events among a stream's recent events, newest first. */
export function recentSales(events: LiveEvent[], keep = 3): SaleEvent[] {
  return events
    .filter((e): e is SaleEvent => e.type === "sale")
    .slice(-keep)
    .reverse();
}

// "A buyer in Shenyang bought 2 kg of rice": anonymised by the database (a city at most).
// Not a live region: a busy stream would talk over the host for screen-reader users.
export function SalesTicker({ sales, titleOf }: { sales: SaleEvent[]; titleOf: (productId: string) => string | null }) {
  const { t, locale } = useI18n();
  const lines = sales
    .map((sale) => {
      const title = titleOf(sale.payload.productId);
      if (!title) return null;
      const city = locale === "zh-CN" ? sale.payload.cityZh : sale.payload.cityEn;
      const values = { quantity: sale.payload.quantity, unit: t(unitKey(sale.payload.unit)), title };
      return {
        key: sale.id ?? `${sale.payload.productId}-${sale.at}`,
        text: city ? t("ticker.saleIn", { ...values, city }) : t("ticker.sale", values),
      };
    })
    .filter((line) => line !== null);
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="sales-ticker-title" className="rounded-lg bg-leaf-50 p-3">
      <h3 id="sales-ticker-title" className="text-xs font-bold uppercase tracking-wide text-leaf-800">
        {t("ticker.title")}
      </h3>
      <ul className="mt-1 space-y-0.5 text-sm text-soil-900">
        {lines.map((line) => (
          <li key={line.key}>{line.text}</li>
        ))}
      </ul>
    </section>
  );
}
