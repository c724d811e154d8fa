import { defineArea } from "./define-area";

// Stripe Connect onboarding: the dashboard's /payouts/connect page.
export const dashboardConnectMessages = defineArea({
  en: {
    "dash.connect.title": "Stripe payouts",
    "dash.connect.link": "Pay payees through Stripe",
    "dash.connect.intro":
      "Households and the village collective with a Stripe account that can receive payouts get their share of each card, Alipay or WeChat Pay sale automatically. Everyone else is paid offline, as recorded on the payouts page.",
    "dash.connect.demo":
      "Payments run in demo mode here: there are no Stripe payouts. Pay households and the collective offline and record it on the payouts page.",
    "dash.connect.back": "Back to payouts",
    "dash.connect.status.not_connected": "Not connected",
    "dash.connect.status.onboarding_incomplete": "Onboarding incomplete",
    "dash.connect.status.payouts_enabled": "Payouts enabled",
    "dash.connect.start": "Connect a Stripe account",
    "dash.connect.continue": "Continue onboarding",
    "dash.connect.startFor": "Connect a Stripe account for {payee}",
    "dash.connect.continueFor": "Continue onboarding for {payee}",
    "dash.connect.returned":
      "Welcome back from Stripe. The status changes here as soon as Stripe confirms the account (this can take a few minutes).",
    "dash.connect.expired": "That onboarding link expired. Continue onboarding to get a new one.",
    "dash.connect.errors.payee": "Choose the collective or one of this cooperative's households.",
    "dash.connect.errors.stripe": "Stripe could not be reached. Nothing was changed; please try again in a moment.",
  },
  zh: {
    "dash.connect.title": "Stripe 结算",
    "dash.connect.link": "通过 Stripe 向收款方结算",
    "dash.connect.intro":
      "拥有可收款 Stripe 账户的农户和村集体，会自动收到每笔银行卡、支付宝或微信支付订单中的份额。其他收款方仍在线下结算，并在结算页面登记。",
    "dash.connect.demo": "此处为演示支付模式，没有 Stripe 结算。请在线下向农户和村集体付款，并在结算页面登记。",
    "dash.connect.back": "返回结算",
    "dash.connect.status.not_connected": "未连接",
    "dash.connect.status.onboarding_incomplete": "开户未完成",
    "dash.connect.status.payouts_enabled": "可以收款",
    "dash.connect.start": "连接 Stripe 账户",
    "dash.connect.continue": "继续开户",
    "dash.connect.startFor": "连接 Stripe 账户：{payee}",
    "dash.connect.continueFor": "继续开户：{payee}",
    "dash.connect.returned": "欢迎从 Stripe 返回。Stripe 确认账户后（可能需要几分钟），这里的状态会随之更新。",
    "dash.connect.expired": "开户链接已过期。请点击“继续开户”获取新链接。",
    "dash.connect.errors.payee": "请选择村集体或本合作社的农户。",
    "dash.connect.errors.stripe": "暂时无法连接 Stripe，未做任何更改，请稍后重试。",
  },
});
