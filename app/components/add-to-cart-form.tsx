import { getFormProps, getInputProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { cartAddSchema } from "~/forms/cart";
import { fieldErrorText } from "~/forms/field-errors";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { CartActionData } from "~/routes/cart";
import { cartErrorMessage } from "./cart-error-message";
import { useHydrated } from "./use-hydrated";

// A real <form> posting to /cart, so it works without JavaScript (the action redirects
// back). Once hydrated it submits through a fetcher and stays on the page; the quantity is
// checked by the add schema before it leaves the browser.
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
  // No id: the same product can be offered twice on one page (a card and the pinned product).
  const [form, fields] = useSchemaForm(cartAddSchema, {
    lastResult: result && !result.ok && result.error === "invalid" ? result.result : undefined,
    defaultValue: { quantity: 1 },
  });
  if (props.maxQuantity < 1) return null;
  const { key, ...quantityProps } = getInputProps(fields.quantity, { type: "number", ariaDescribedBy: `${form.id}-status` });
  return (
    <fetcher.Form method="post" action="/cart" {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={props.productId} />
      <input type="hidden" name="returnTo" value={props.returnTo} />
      {props.liveSessionId ? <input type="hidden" name="liveSessionId" value={props.liveSessionId} /> : null}
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
      {props.compact ? (
        <input type="hidden" name="quantity" value="1" />
      ) : (
        <div>
          <label htmlFor={fields.quantity.id} className="block text-sm font-medium">{t("cart.quantity")}</label>
          <input key={key} {...quantityProps} inputMode="numeric" min={1} max={props.maxQuantity}
            required className="mt-1 w-20 rounded border border-soil-700 px-2 py-2" />
        </div>
      )}
      <button type="submit" disabled={busy}
        aria-label={props.compact ? `${t("cart.add")}: ${props.title}` : undefined}
        className="rounded bg-chili-700 px-4 py-2 font-semibold text-white hover:bg-chili-600 disabled:opacity-70">
        {busy ? t("cart.adding") : t("cart.add")}
      </button>
      <p id={`${form.id}-status`} role="status" aria-live="polite" className="w-full text-sm">
        {result && !busy ? (
          result.ok ? (
            <span className="text-leaf-800">{t("cart.added")} <a href="/cart" className="font-medium underline">{t("cart.viewCart")}</a></span>
          ) : (
            <span className="text-chili-700">{cartErrorMessage(t, result)}</span>
          )
        ) : fields.quantity.errors ? (
          <span id={fields.quantity.errorId} className="text-chili-700">{fieldErrorText(t, fields.quantity.errors)}</span>
        ) : null}
      </p>
    </fetcher.Form>
  );
}
