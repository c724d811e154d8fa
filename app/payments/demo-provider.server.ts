import type { PaymentProvider } from "./payment-provider.server";

// The embedded default: a local pay page (/pay/demo/:orderId) with Pay and Decline.
export const demoPaymentProvider: PaymentProvider = {
  name: "demo",
  async startPayment(payment) {
    return { redirectTo: `/pay/demo/${payment.orderId}` };
  },
};
