/** The order no longer waits for payment (paid, cancelled, or its reservation ended): no payment can start. */
export class PaymentNotStartableError extends Error {
  constructor(readonly orderId: string) {
    super(`order ${orderId} is not waiting for payment`);
    this.name = "PaymentNotStartableError";
  }
}
