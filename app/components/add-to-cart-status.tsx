import type { ReactNode } from "react";
import { useI18n } from "~/i18n/use-i18n";
import type { CartActionData } from "~/routes/cart";
import { cartErrorMessage } from "./cart-error-message";

/** What the last add did, announced politely; `fallback` shows while there is no answer (e.g. the browser's own check). */
export function AddToCartStatus({
  id,
  result,
  busy,
  fallback,
}: {
  id?: string;
  result?: CartActionData;
  busy: boolean;
  fallback?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <p id={id} role="status" aria-live="polite" className="w-full text-sm">
      {result && !busy ? (
        result.ok ? (
          <span className="text-leaf-800">
            {t("cart.added")}{" "}
            <a href="/cart" className="font-medium underline">
              {t("cart.viewCart")}
            </a>
          </span>
        ) : (
          <span className="text-chili-700">{cartErrorMessage(t, result)}</span>
        )
      ) : (
        (fallback ?? null)
      )}
    </p>
  );
}
