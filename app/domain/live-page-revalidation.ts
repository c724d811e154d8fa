// Form actions posted from the live page whose effects reach its viewers over the event
// stream, so the page's own loader need not run again after them. Paths as Remix gives them
// to shouldRevalidate (no ".data" suffix; maybe a query such as "?index").
const CHECKOUT_OR_PAYMENT = [/^\/checkout(\?|$)/, /^\/pay\//];
const KEEPS_PAGE_DATA = [/\/chat(\?|$)/, /^\/cart(\?|$)/, ...CHECKOUT_OR_PAYMENT];

const pathOf = (formAction: string) => formAction.replace(/^https?:\/\/[^/]+/, "");

export function keepsPageData(formAction: string): boolean {
  return KEEPS_PAGE_DATA.some((pattern) => pattern.test(pathOf(formAction)));
}

/** Placing an order or paying for one: after them the live cart sheet shows the payment, not the cart. */
export function isCheckoutOrPayment(formAction: string): boolean {
  return CHECKOUT_OR_PAYMENT.some((pattern) => pattern.test(pathOf(formAction)));
}
