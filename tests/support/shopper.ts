import { randomBytes } from "node:crypto";
import type { AppContext } from "~/context.server";
import { VISITOR_COOKIE } from "~/http/visitor.server";
import { action as cartAction, loader as cartLoader } from "~/routes/cart";
import { action as checkoutAction } from "~/routes/checkout";
import { loader as orderLoader } from "~/routes/orders.$orderId";
import { action as payAction, loader as payLoader } from "~/routes/pay.demo.$orderId";
import { settle } from "./route-call";

// A shopper driving the real route loaders and actions, as a browser would, with its
// own visitor cookie. Returns what Remix would turn into responses.
export const GOOD_DETAILS = {
  contactName: "王小明",
  contactPhone: "138 0013 8000",
  province: "浙江省",
  city: "杭州市",
  district: "西湖区",
  addressLine: "文三路 100 号 2 单元 301",
};

export class Shopper {
  readonly token = randomBytes(32).toString("base64url");
  constructor(private readonly context: AppContext) {}

  private request(path: string, form?: Record<string, string>): Request {
    return new Request(`http://localhost${path}`, {
      method: form ? "POST" : "GET",
      headers: { Cookie: `${VISITOR_COOKIE}=${this.token}`, "Accept-Language": "zh-CN" },
      body: form ? new URLSearchParams(form) : undefined,
    });
  }

  add(productId: string, quantity = 1, liveSessionId?: string) {
    const form: Record<string, string> = { intent: "add", productId, quantity: String(quantity), enhanced: "1" };
    if (liveSessionId) form.liveSessionId = liveSessionId;
    return settle(() => cartAction({ request: this.request("/cart", form), params: {}, context: this.context }));
  }

  async cart() {
    return cartLoader({ request: this.request("/cart"), params: {}, context: this.context });
  }

  checkout(details: Record<string, string> = GOOD_DETAILS) {
    return settle(() =>
      checkoutAction({ request: this.request("/checkout", { intent: "place-order", ...details }), params: {}, context: this.context }),
    );
  }

  /** Places an order and returns its id (throws if checkout did not redirect to payment). */
  async placeOrder(details?: Record<string, string>): Promise<string> {
    const result = await this.checkout(details);
    const match = /^\/pay\/demo\/([0-9a-f-]{36})$/.exec(result.location ?? "");
    if (!match) throw new Error(`checkout did not start a payment: ${JSON.stringify(result)}`);
    return match[1];
  }

  async pay(orderId: string, intent: "pay" | "decline" = "pay", attemptId?: string) {
    const page = await settle(() =>
      payLoader({ request: this.request(`/pay/demo/${orderId}`), params: { orderId }, context: this.context }),
    );
    const attempt = attemptId ?? (page.body as { attemptId?: string } | null)?.attemptId ?? crypto.randomUUID();
    return settle(() =>
      payAction({
        request: this.request(`/pay/demo/${orderId}`, { intent, attemptId: attempt }),
        params: { orderId },
        context: this.context,
      }),
    );
  }

  order(orderId: string, query = "") {
    return settle(() => orderLoader({ request: this.request(`/orders/${orderId}${query}`), params: { orderId }, context: this.context }));
  }
}
