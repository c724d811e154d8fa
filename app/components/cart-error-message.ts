import { GENERIC_FIELD_ERROR, replyErrorKey } from "~/forms/field-errors";
import type { Translate } from "~/i18n/translate";
import type { CartActionData } from "~/routes/cart";

export function cartErrorMessage(t: Translate, data: Extract<CartActionData, { ok: false }>): string {
  switch (data.error) {
    case "invalid":
      return t(replyErrorKey(data.result) ?? GENERIC_FIELD_ERROR);
    case "not_enough_stock":
      return t("cart.errors.not_enough_stock", { count: data.count });
    case "over_limit":
      return t("cart.errors.over_limit", { count: data.count });
    case "too_many":
      return t("cart.errors.too_many", { count: data.count });
    case "sold_out":
      return t("cart.errors.sold_out");
    case "unavailable":
      return t("cart.errors.unavailable");
  }
}
