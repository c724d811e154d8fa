import { useFetcher } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import type { CartActionData } from "~/routes/cart";
import { AddToCartStatus } from "./add-to-cart-status";
import { useHydrated } from "./use-hydrated";

// One unit into the cart from a product card: hidden fields and a button, posting to /cart
// (whose action parses it with the cart schema through Conform). Nothing for a browser to
// check, so the catalogue, home and live pages do not load the form library for it.
export function QuickAddForm(props: { productId: string; title: string; liveSessionId?: string; returnTo: string }) {
  const fetcher = useFetcher<CartActionData>();
  const hydrated = useHydrated();
  const { t } = useI18n();
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" action="/cart" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={props.productId} />
      <input type="hidden" name="returnTo" value={props.returnTo} />
      {props.liveSessionId ? <input type="hidden" name="liveSessionId" value={props.liveSessionId} /> : null}
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
      <input type="hidden" name="quantity" value="1" />
      <button
        type="submit"
        disabled={busy}
        aria-label={`${t("cart.add")}: ${props.title}`}
        className="rounded bg-chili-700 px-4 py-2 font-semibold text-white hover:bg-chili-600 disabled:opacity-70"
      >
        {busy ? t("cart.adding") : t("cart.add")}
      </button>
      <AddToCartStatus result={fetcher.data} busy={busy} />
    </fetcher.Form>
  );
}
