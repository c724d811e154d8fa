import { defineArea } from "./define-area";

// The payouts page's "needs attention" panel in Stripe mode: disputes, receivables from
// reversals a connected account could not cover, refunds made in Stripe's dashboard.
export const dashboardStripeAttentionMessages = defineArea({
  en: {
    "dash.attention.title": "Needs attention",
    "dash.attention.none": "Nothing needs attention: no disputes, no refunds waiting for Stripe.",
    "dash.attention.disputes": "Disputes",
    "dash.attention.dispute": "Order {order}: {amount} disputed ({reason})",
    "dash.attention.dispute.open": "Open since {date} — Stripe status: {status}",
    "dash.attention.dispute.won": "Won: the held transfers were released.",
    "dash.attention.dispute.lost": "Lost: the buyer got the money back through the bank. Refund the order here so the split is reversed.",
    "dash.attention.held":
      "{count, plural, one {# transfer} other {# transfers}} ({amount}) held back until the disputes on these payees' orders close.",
    "dash.attention.failedRefunds": "Refunds Stripe could not make",
    "dash.attention.failedRefund":
      "Order {order}: {amount} did not go back to the buyer ({reason}). The split was reversed here: refund the buyer another way, or contact Stripe.",
    "dash.attention.receivables": "Owed back after a refund",
    "dash.attention.receivable":
      "{payee} could not give back {amount} for order {order} (their Stripe balance was short). It is taken from their next payouts.",
    "dash.attention.outside": "Refunded in Stripe, not recorded here",
    "dash.attention.outsideRefund":
      "Order {order}: {amount} was refunded in Stripe's dashboard. Record the refund of those items on the orders page so the split is reversed.",
    "dash.attention.unconfirmed":
      "{count, plural, one {# refund is} other {# refunds are}} recorded but not confirmed by Stripe yet; they are sent again automatically.",
  },
  zh: {
    "dash.attention.title": "待处理",
    "dash.attention.none": "没有待处理事项：没有争议，也没有等待 Stripe 确认的退款。",
    "dash.attention.disputes": "争议",
    "dash.attention.dispute": "订单 {order}：{amount} 被提出争议（{reason}）",
    "dash.attention.dispute.open": "自 {date} 起处理中，Stripe 状态：{status}",
    "dash.attention.dispute.won": "已胜诉：暂扣的转账已放行。",
    "dash.attention.dispute.lost": "已败诉：买家已通过银行拿回款项。请在此为该订单退款，以冲回分账。",
    "dash.attention.held": "{count, plural, other {# 笔转账}}（{amount}）暂扣中，待这些收款方订单上的争议结束后放行。",
    "dash.attention.failedRefunds": "Stripe 未能完成的退款",
    "dash.attention.failedRefund":
      "订单 {order}：{amount} 未能退还给买家（{reason}）。分账已在此冲回，请通过其他方式退款给买家，或联系 Stripe。",
    "dash.attention.receivables": "退款后应退回的款项",
    "dash.attention.receivable": "{payee} 未能退回订单 {order} 的 {amount}（其 Stripe 余额不足），将从其下次打款中扣除。",
    "dash.attention.outside": "在 Stripe 退款、未在此记录",
    "dash.attention.outsideRefund": "订单 {order}：{amount} 已在 Stripe 后台退款。请在订单页记录这些商品的退款，以冲回分账。",
    "dash.attention.unconfirmed": "{count, plural, other {# 笔退款}}已记录但 Stripe 尚未确认，系统会自动重试。",
  },
});
