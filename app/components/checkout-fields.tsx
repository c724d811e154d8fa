import type { FieldMetadata } from "@conform-to/react";
import { FormField } from "~/components/form-field";
import { CHECKOUT_FIELDS, type CheckoutField, type CheckoutInput } from "~/forms/checkout";
import type { MessageKey } from "~/i18n/translate";
import { useI18n } from "~/i18n/use-i18n";

// The delivery details, as the checkout page and the live page's cart sheet both ask for them.
export const CHECKOUT_FIELD_LABELS: Record<CheckoutField, MessageKey> = {
  contactName: "checkout.name",
  contactPhone: "checkout.phone",
  province: "checkout.province",
  city: "checkout.city",
  district: "checkout.district",
  addressLine: "checkout.address",
};

const AUTOCOMPLETE: Record<CheckoutField, string> = {
  contactName: "name",
  contactPhone: "tel-national",
  province: "address-level1",
  city: "address-level2",
  district: "address-level3",
  addressLine: "street-address",
};

type Fields = { [F in CheckoutField]: FieldMetadata<CheckoutInput[F], Record<string, unknown>, string[]> };

export function CheckoutFields({ fields }: { fields: Fields }) {
  const { t } = useI18n();
  return (
    <>
      {CHECKOUT_FIELDS.map((field) => (
        <FormField
          key={field}
          field={fields[field]}
          label={t(CHECKOUT_FIELD_LABELS[field])}
          autoComplete={AUTOCOMPLETE[field]}
          type={field === "contactPhone" ? "tel" : "text"}
          inputMode={field === "contactPhone" ? "tel" : undefined}
          required
          hint={field === "contactPhone" ? t("checkout.phoneHint") : undefined}
        />
      ))}
    </>
  );
}
