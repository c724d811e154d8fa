import { defineArea } from "./define-area";

// Cooperative pages and the list of cooperatives.
export const coopsMessages = defineArea({
  en: {
    "coop.households": "{count, plural, one {# household} other {# households}}",
    "coop.place": "{village}, {town}, {county}, {province}",
    "coop.founded": "Founded {year}",
    "coop.products": "Products",
    "coop.sessions": "Live sessions",
    "coop.noSessions": "No sessions yet.",
    "coop.noProducts": "No products on sale right now.",
    "coop.story": "Our story",
    "coop.growers": "Growing households",
    "coops.title": "Cooperatives",
    "coops.intro": "Village cooperatives selling on Harvest Live.",
    "coops.listTitle": "{count, plural, =1 {The one cooperative} other {All # cooperatives}}",
  },
  zh: {
    "coop.households": "{count} 户农户",
    "coop.place": "{province}{county}{town}{village}",
    "coop.founded": "成立于 {year} 年",
    "coop.products": "在售商品",
    "coop.sessions": "直播场次",
    "coop.noSessions": "还没有直播场次。",
    "coop.noProducts": "目前没有在售商品。",
    "coop.story": "我们的故事",
    "coop.growers": "种植户",
    "coops.title": "合作社",
    "coops.intro": "在丰收直播上开店的乡村合作社。",
    "coops.listTitle": "全部 {count} 家合作社",
  },
});
