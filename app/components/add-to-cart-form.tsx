import { useFetcher } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import type { CartActionData } from "~/routes/cart";
import { cartErrorMessage } from "./cart-error-message";
import { useHydrated } from "./use-hydrated";

// A real <form> posting to /cart, so it works without JavaScript (the action redirects
// back). Once hydrated it submits through a fetcher and stays on the page.
export function AddToCartForm(props: {
  productId: string;
  title: string;
  maxQuantity: number;
  liveSessionId?: string;
  returnTo: string;
  compact?: boolean;
}) {
  const fetcher = useFetcher<CartActionData>();
  const hydrated = useHydrated();
  const { t } = useI18n();
  const busy = fetcher.state !== "idle";
  const result = fetcher.data;
  const quantityId = `qty-${props.productId}${props.compact ? "-c" : ""}`;
  if (props.maxQuantity < 1) return null;
  return (
    <fetcher.Form method="post" action="/cart" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={props.productId} />
      <input type="hidden" name="returnTo" value={props.returnTo} />
      {props.liveSessionId ? <input type="hidden" name="liveSessionId" value={props.liveSessionId} /> : null}
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
      {props.compact ? (
        <input type="hidden" name="quantity" value="1" />
      ) : (
        <div>
          <label htmlFor={quantityId} className="block text-sm font-medium">{t("cart.quantity")}</label>
          <input id={quantityId} name="quantity" type="number" inputMode="numeric" min={1} max={props.maxQuantity}
            defaultValue={1} required className="mt-1 w-20 rounded border border-soil-700 px-2 py-2" />
        </div>
      )}
      <button type="submit" disabled={busy}
        aria-label={props.compact ? `${t("cart.add")}: ${props.title}` : undefined}
        className="rounded bg-chili-700 px-4 py-2 font-semibold text-white hover:bg-chili-600 disabled:opacity-70">
        {busy ? t("cart.adding") : t("cart.add")}
      </button>
      <p role="status" aria-live="polite" className="w-full text-sm">
        {result && !busy ? (
          result.ok ? (
            <span className="text-leaf-800">{t("cart.added")} <a href="/cart" className="font-medium underline">{t("cart.viewCart")}</a></span>
          ) : (
            <span className="text-chili-700">{cartErrorMessage(t, result)}</span>
          )
        ) : null}
      </p>
    </fetcher.Form>
  );
}
