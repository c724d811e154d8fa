import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import type { StudioProduct } from "~/models/studio.server";
import { unitKey } from "../unit-label";

/** The session's products, each with one big Pin or Unpin button; the pinned one stands out. */
export function SessionProducts({
  products,
  pinnedProductId,
  canPin,
}: {
  products: StudioProduct[];
  pinnedProductId: string | null;
  canPin: boolean;
}) {
  const { t, price, count } = useI18n();
  return (
    <section aria-labelledby="studio-products" className="rounded-xl bg-white p-4 shadow-sm">
      <h2 id="studio-products" className="text-lg font-semibold">
        {t("studio.products")}
      </h2>
      <ul className="mt-2 space-y-2">
        {products.map((p) => {
          const pinned = p.id === pinnedProductId;
          return (
            <li
              key={p.id}
              className={`flex items-center gap-3 rounded-lg p-3 ${pinned ? "bg-leaf-50 ring-2 ring-leaf-700" : "bg-soil-50"}`}
              aria-current={pinned ? "true" : undefined}
            >
              <div className="min-w-0 flex-1">
                <p className="font-semibold leading-snug">
                  {pinned ? (
                    <span className="mr-2 rounded bg-leaf-700 px-1.5 py-0.5 text-xs font-bold text-white">{t("studio.pinned")}</span>
                  ) : null}
                  {p.title}
                </p>
                <p className="text-sm text-soil-800">
                  {price(p.priceFen)} / {t(unitKey(p.unit))}
                  {p.stock !== null ? ` · ${t("studio.stock", { count: count(p.stock) })}` : null}
                </p>
              </div>
              {canPin ? (
                <Form method="post" className="shrink-0">
                  {pinned ? null : <input type="hidden" name="productId" value={p.id} />}
                  <button
                    type="submit"
                    name="intent"
                    value={pinned ? "unpin" : "pin"}
                    aria-label={`${pinned ? t("studio.unpin") : t("studio.pin")}: ${p.title}`}
                    className={`min-h-12 min-w-24 rounded-lg px-3 font-bold ${pinned ? "border-2 border-leaf-700 bg-white text-leaf-800" : "bg-leaf-700 text-white"}`}
                  >
                    {pinned ? t("studio.unpin") : t("studio.pin")}
                  </button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
