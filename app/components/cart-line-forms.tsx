import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { cartRemoveSchema, cartUpdateSchema } from "~/forms/cart";
import { fieldErrorText } from "~/forms/field-errors";
import type { FormReply } from "~/forms/parse-form";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";

/** A cart line's quantity and remove forms: plain posts to /cart, each checked by its own schema. */
export function CartLineForms({
  productId,
  title,
  quantity,
  lastResult,
}: {
  productId: string;
  title: string;
  quantity: number;
  /** the action's reply when this line's update was refused */
  lastResult?: FormReply;
}) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("productId") === productId;
  const [updateForm, update] = useSchemaForm(cartUpdateSchema, {
    id: `cart-update-${productId}`,
    lastResult,
    defaultValue: { intent: "update", productId, quantity },
  });
  const [removeForm] = useSchemaForm(cartRemoveSchema, { id: `cart-remove-${productId}` });
  const { key, ...quantityProps } = getInputProps(update.quantity, { type: "number" });
  const error = fieldErrorText(t, update.quantity.errors);
  return (
    <div className="flex flex-wrap items-end gap-2 pt-1">
      <Form method="post" {...getFormProps(updateForm)} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="productId" value={productId} />
        <label className="text-sm">
          <span className="sr-only">{t("cart.quantityFor", { title })}</span>
          <input
            key={key}
            {...quantityProps}
            inputMode="numeric"
            min={1}
            max={99}
            aria-label={t("cart.quantityFor", { title })}
            className="w-20 rounded border border-soil-700 px-2 py-1"
          />
        </label>
        <button type="submit" disabled={busy} className="rounded border border-soil-700 px-3 py-1 text-sm">
          {t("cart.update")}
        </button>
        {error ? (
          <p id={update.quantity.errorId} className="w-full text-sm text-chili-700">
            {error}
          </p>
        ) : null}
      </Form>
      <Form method="post" {...getFormProps(removeForm)}>
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="productId" value={productId} />
        <button
          type="submit"
          disabled={busy}
          aria-label={t("cart.removeItem", { title })}
          className="px-2 py-1 text-sm text-chili-700 underline"
        >
          {t("cart.remove")}
        </button>
      </Form>
    </div>
  );
}
