import { getFormProps, getInputProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useMemo } from "react";
import { cartAddSchema } from "~/forms/cart";
import { fieldErrorKey } from "~/forms/field-errors";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { CartActionData } from "~/routes/cart";
import { AddToCartStatus } from "./add-to-cart-status";
import { useHydrated } from "./use-hydrated";

// The product page's add-to-cart form: a real <form> posting to /cart, so it works without
// JavaScript (the action redirects back). Once hydrated it submits through a fetcher and
// stays on the page; the quantity is checked by the add schema before it leaves the browser.
// (Product cards use QuickAddForm: one unit, nothing to check.)

/** The stock limit as a field error (the page's language), where the schema only knows 1–99. */
const STOCK_LIMIT_ERROR = "cart.errors.not_enough_stock";

function addSchemaWithin(maxQuantity: number) {
  return cartAddSchema.superRefine((value, ctx) => {
    if (value.quantity > maxQuantity) ctx.addIssue({ code: "custom", path: ["quantity"], message: STOCK_LIMIT_ERROR });
  });
}

export function AddToCartForm(props: { productId: string; title: string; maxQuantity: number; liveSessionId?: string; returnTo: string }) {
  const fetcher = useFetcher<CartActionData>();
  const hydrated = useHydrated();
  const { t } = useI18n();
  const busy = fetcher.state !== "idle";
  const result = fetcher.data;
  const schema = useMemo(() => addSchemaWithin(props.maxQuantity), [props.maxQuantity]);
  const [form, fields] = useSchemaForm(schema, {
    id: `add-${props.productId}`,
    lastResult: result && !result.ok && result.error === "invalid" ? result.result : undefined,
    defaultValue: { quantity: 1 },
  });
  if (props.maxQuantity < 1) return null;
  const statusId = `${form.id}-status`;
  const { key, ...quantityProps } = getInputProps(fields.quantity, { type: "number", ariaDescribedBy: statusId });
  // Without JavaScript the browser checks min/max itself; once hydrated Conform sets noValidate
  // and the schema above refuses more than is in stock, so the error is ours, not the browser's.
  const quantityError = fieldErrorKey(fields.quantity.errors);
  return (
    <fetcher.Form method="post" action="/cart" {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={props.productId} />
      <input type="hidden" name="returnTo" value={props.returnTo} />
      {props.liveSessionId ? <input type="hidden" name="liveSessionId" value={props.liveSessionId} /> : null}
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
      <div>
        <label htmlFor={fields.quantity.id} className="block text-sm font-medium">
          {t("cart.quantity")}
        </label>
        <input
          key={key}
          {...quantityProps}
          inputMode="numeric"
          min={1}
          max={props.maxQuantity}
          required
          className="mt-1 w-20 rounded border border-soil-700 px-2 py-2"
        />
      </div>
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-chili-700 px-4 py-2 font-semibold text-white hover:bg-chili-600 disabled:opacity-70"
      >
        {busy ? t("cart.adding") : t("cart.add")}
      </button>
      <AddToCartStatus
        id={statusId}
        result={result}
        busy={busy}
        fallback={
          quantityError ? (
            <span id={fields.quantity.errorId} className="text-chili-700">
              {t(quantityError, { count: props.maxQuantity })}
            </span>
          ) : null
        }
      />
    </fetcher.Form>
  );
}
