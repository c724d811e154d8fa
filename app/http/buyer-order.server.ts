import type { AppContext } from "~/context.server";
import { resolveLocale } from "~/i18n/locale";
import { getBuyerOrder, type BuyerOrder } from "~/models/order.server";
import { signedOrderClaim } from "./order-link.server";
import { requestScope } from "./request-scope.server";

/** The order as its buyer may see it: by this browser, this account or a valid ?key= link. */
export function requestBuyerOrder(context: AppContext, request: Request, orderId: string): Promise<BuyerOrder | null> {
  return requestScope(context, request).run(
    (tx) => getBuyerOrder(tx, orderId, resolveLocale(request)),
    signedOrderClaim(request, orderId, context.sessionSecret),
  );
}
