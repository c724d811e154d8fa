import { authMessages } from "./auth";
import { cartMessages } from "./cart";
import { checkoutMessages } from "./checkout";
import { coopsMessages } from "./coops";
import { dashboardMessages } from "./dashboard";
import { dashboardConnectMessages } from "./dashboard-connect";
import { dashboardOrdersMessages } from "./dashboard-orders";
import { dashboardPayoutsMessages } from "./dashboard-payouts";
import { dashboardPlatformMessages } from "./dashboard-platform";
import { dashboardReportsMessages } from "./dashboard-reports";
import { dashboardStripeAttentionMessages } from "./dashboard-stripe-attention";
import { homeMessages } from "./home";
import { liveMessages } from "./live";
import { livePlayerMessages } from "./live-player";
import { liveCartMessages } from "./live-cart";
import { liveFlashMessages } from "./live-flash";
import { liveChatMessages } from "./live-chat";
import { ordersMessages } from "./orders";
import { productsMessages } from "./products";
import { siteMessages } from "./site";
import { statementsMessages } from "./statements";
import { studioMessages } from "./studio";

// Every area of the UI. Import this only from ../messages.server.ts: the catalogues stay on
// the server, and each page gets its language's messages through the root loader.
export const catalogAreas = {
  site: siteMessages,
  home: homeMessages,
  products: productsMessages,
  coops: coopsMessages,
  live: liveMessages,
  livePlayer: livePlayerMessages,
  liveFlash: liveFlashMessages,
  liveCart: liveCartMessages,
  liveChat: liveChatMessages,
  studio: studioMessages,
  cart: cartMessages,
  checkout: checkoutMessages,
  orders: ordersMessages,
  auth: authMessages,
  dashboardOrders: dashboardOrdersMessages,
  dashboardPayouts: dashboardPayoutsMessages,
  dashboardConnect: dashboardConnectMessages,
  dashboardStripeAttention: dashboardStripeAttentionMessages,
  dashboardReports: dashboardReportsMessages,
  dashboardPlatform: dashboardPlatformMessages,
  dashboard: dashboardMessages,
  statements: statementsMessages,
};

type Areas = typeof catalogAreas;
/** Every message key of every area: `t("missing.key")` fails tsc. */
export type MessageKey = { [A in keyof Areas]: keyof Areas[A]["en"] }[keyof Areas];
/** One language's messages, as the browser receives them. */
export type Messages = Readonly<Record<MessageKey, string>>;
