import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useI18n } from "~/i18n/use-i18n";
import type { StudioStats } from "~/models/studio.server";
import { unitKey } from "../unit-label";

const REFRESH_MS = 5_000;

/**
 * Viewers, paid orders, sales and the host's commission of this session, with its top
 * products. While the session is live the panel reloads its own figures every few seconds
 * (one database call: the panel route), only while the page is visible.
 */
export function LivePanel({ sessionId, stats, live, mine }: { sessionId: string; stats: StudioStats; live: boolean; mine: boolean }) {
  const { t, price, count } = useI18n();
  const fetcher = useFetcher<StudioStats>();
  const { load } = fetcher;
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") load(`/studio/${sessionId}/panel`);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [live, load, sessionId]);
  const s = fetcher.data ?? stats;
  const tiles: [string, string][] = [
    [t("studio.viewers"), count(s.viewers)],
    [t("studio.orders"), count(s.orders)],
    [t("studio.gmv"), price(s.gmvFen)],
    [t(mine ? "studio.myCommission" : "studio.hostCommission"), price(s.commissionFen)],
  ];
  return (
    <section aria-labelledby="studio-panel" className="rounded-xl bg-white p-4 shadow-sm">
      <h2 id="studio-panel" className="text-lg font-semibold">
        {t("studio.panel")}
      </h2>
      <dl className="mt-2 grid grid-cols-2 gap-2">
        {tiles.map(([label, value]) => (
          <div key={label} className="rounded-lg bg-soil-50 p-3">
            <dt className="text-sm text-soil-800">{label}</dt>
            <dd className="text-2xl font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 font-semibold">{t("studio.topProducts")}</h3>
      {s.topProducts.length === 0 ? (
        <p className="mt-1 text-sm text-soil-800">{t("studio.noSales")}</p>
      ) : (
        <ol className="mt-1 space-y-1">
          {s.topProducts.map((p) => (
            <li key={p.productId} className="flex justify-between gap-2 text-sm">
              <span className="min-w-0 truncate">{p.title}</span>
              <span className="shrink-0 tabular-nums text-soil-800">
                {t("studio.soldLine", { quantity: count(p.quantity), unit: t(unitKey(p.unit)), amount: price(p.salesFen) })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
