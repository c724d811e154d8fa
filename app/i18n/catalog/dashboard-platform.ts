import { defineArea } from "./define-area";

// The platform admin's overview on /dashboard: every cooperative's e-commerce income side by side.
export const dashboardPlatformMessages = defineArea({
  en: {
    "platformIncome.title": "E-commerce income by cooperative",
    "platformIncome.intro":
      "Every cooperative's online sales over the period, from the ledger: sales less refunds, and their shares for households, village collectives, streamers and the platform. Days are China time.",
    "platformIncome.table": "Income from {from} to {to}",
    "platformIncome.cooperative": "Cooperative",
    "platformIncome.total": "All cooperatives",
    "platformIncome.reports": "Reports",
    "platformIncome.reportsOf": "{coop}: reports",
    "platformIncome.csv": "Income per cooperative (CSV)",
  },
  zh: {
    "platformIncome.title": "各合作社电商收入",
    "platformIncome.intro":
      "各合作社在所选期间的网上销售，数据来自账本：销售额减去退款，以及农户、村集体、主播和平台各自的分成。日期按北京时间计算。",
    "platformIncome.table": "{from} 至 {to} 收入",
    "platformIncome.cooperative": "合作社",
    "platformIncome.total": "全部合作社",
    "platformIncome.reports": "报表",
    "platformIncome.reportsOf": "{coop}：报表",
    "platformIncome.csv": "各合作社收入（CSV）",
  },
});
