// Demo content: 东升村 (辽宁省沈阳市康平县) — the Longxu planting cooperative: mixed grains and
// grain from its processing line.
// Illustrative demo content inspired by press reports; not records of real businesses.
// Source: a press report on village collective economies in Liaoning (April 2024). The report
// names the village, Kangping County and the cooperative but not the township; 东升满族蒙古族乡
// is the Kangping township of that name (an assumption, not from the report).

import type { DemoCooperative } from "./demo-catalog.types";

export const dongshengCooperative: DemoCooperative = {
  slug: "dongsheng",
  nameZh: "康平县龙旭种植专业合作社",
  nameEn: "Kangping County Longxu Planting Cooperative",
  villageZh: "东升村",
  villageEn: "Dongsheng Village",
  townZh: "东升满族蒙古族乡",
  townEn: "Dongsheng Manchu and Mongol Ethnic Township",
  countyZh: "沈阳市康平县",
  countyEn: "Kangping County, Shenyang",
  provinceZh: "辽宁省",
  provinceEn: "Liaoning",
  storyZh:
    "2016年，东升村成为辽宁省扶持村级集体经济发展的试点村，获得200万元扶持资金，村里用这笔钱成立了康平县龙旭种植专业合作社，购置农机，走规模化种植的路子。如今合作社院子里停着二十多台拖拉机、旋耕机和联合收割机，从深松整地、免耕播种到无人机防虫、机械收获，各个环节都实现了机械化，还为外村提供农机服务；杂粮加工生产线也轰隆隆地忙个不停。据报道，2022年村集体收入超过110万元。本店的农户和商品是演示用的示例，并非真实的经营记录。",
  storyEn:
    "In 2016 Dongsheng became one of Liaoning's pilot villages for supporting village collective economies and received a ¥2 million subsidy, which it used to found the Kangping County Longxu Planting Cooperative and buy farm machinery for large-scale farming. Today more than twenty tractors, rotary ploughs and combine harvesters stand in the cooperative's yard: every step from deep loosening and no-till sowing to drone pest control and mechanised harvesting is done by machine, the cooperative also works other villages' fields, and the machines on its mixed-grain processing line roar away. Press reports put the village collective's income in 2022 at over ¥1.1 million. The households and products in this shop are illustrative demo content, not real business records.",
  foundedYear: 2016,
  defaultSplit: { household: 7000, collective: 1600, streamer: 900, platform: 500 },
  households: [
    {
      key: "chen-youcai",
      nameZh: "陈有才家",
      nameEn: "Chen Youcai household",
      headNameZh: "陈有才",
      headNameEn: "Chen Youcai",
      members: 4,
    },
    {
      key: "wu-lanying",
      nameZh: "武兰英家",
      nameEn: "Wu Lanying household",
      headNameZh: "武兰英",
      headNameEn: "Wu Lanying",
      members: 3,
    },
    {
      key: "hao-jinbao",
      nameZh: "郝金宝家",
      nameEn: "Hao Jinbao household",
      headNameZh: "郝金宝",
      headNameEn: "Hao Jinbao",
      members: 5,
    },
  ],
  products: [
    {
      slug: "dongsheng-yellow-millet-2-5kg",
      titleZh: "东升村黄小米 2.5公斤袋装",
      titleEn: "Dongsheng yellow millet, 2.5 kg bag",
      descriptionZh:
        "陈有才家地里种的谷子，由合作社的收割机收下，晒干后在合作社的加工线上脱壳碾成小米，颜色金黄。熬粥时米和水大约一比十，小火煮半小时左右。净含量2.5公斤，密封存放在阴凉干燥处。",
      descriptionEn:
        "Millet from the Chen family's fields, cut by the cooperative's harvesters, dried and hulled into golden grains on the cooperative's processing line. For porridge use roughly one part millet to ten parts water and simmer for about half an hour. Net weight 2.5 kg; store sealed in a cool, dry place.",
      category: "grains",
      unit: "bag",
      priceFen: 4280,
      stock: 280,
      perBuyerLimit: null,
      household: "chen-youcai",
      image: "millet",
      imageAltZh: "小米插画",
      imageAltEn: "Illustration of millet",
      featured: true,
      splitOverride: null,
    },
    {
      slug: "dongsheng-five-grain-pack-2-5kg",
      titleZh: "东升村五样杂粮 2.5公斤组合装",
      titleEn: "Dongsheng five-grain pack, 2.5 kg",
      descriptionZh:
        "合作社把村里收来的小米、高粱米、红小豆、绿豆和黑豆在加工线上清选、分装，每样500克，五小袋放在一起。豆子煮前建议提前泡几个小时，可以和小米、高粱米一起熬杂粮粥。总净含量2.5公斤，密封干燥保存。",
      descriptionEn:
        "The cooperative cleans and packs millet, sorghum, adzuki beans, mung beans and black beans from village households on its processing line, 500 g of each in five small bags. Soak the beans for a few hours first, then cook them with the millet and sorghum into a mixed-grain porridge. Total net weight 2.5 kg; keep sealed and dry.",
      category: "grains",
      unit: "bag",
      priceFen: 4580,
      stock: 200,
      perBuyerLimit: null,
      household: null,
      image: "mixed-grains",
      imageAltZh: "杂粮插画",
      imageAltEn: "Illustration of mixed grains",
      featured: false,
      splitOverride: null,
    },
    {
      slug: "dongsheng-mung-beans-1kg",
      titleZh: "东升村绿豆 1公斤袋装",
      titleEn: "Dongsheng mung beans, 1 kg bag",
      descriptionZh:
        "武兰英家种的绿豆，荚子变黑后分几次手工摘下，晒干后脱粒、挑拣。可以煮绿豆汤、熬粥或者发豆芽。净含量1公斤，请放在阴凉干燥处，防潮防虫。",
      descriptionEn:
        "Mung beans from the Wu family, picked by hand over several rounds as the pods turn black, then dried, shelled and sorted. Use them for sweet mung bean soup, porridge or sprouting. Net weight 1 kg; keep in a cool, dry place away from damp and pests.",
      category: "grains",
      unit: "bag",
      priceFen: 2280,
      stock: 160,
      perBuyerLimit: null,
      household: "wu-lanying",
      image: "mixed-grains",
      imageAltZh: "杂粮插画",
      imageAltEn: "Illustration of mixed grains",
      featured: false,
      splitOverride: null,
    },
    {
      slug: "dongsheng-sorghum-2kg",
      titleZh: "东升村高粱米 2公斤袋装",
      titleEn: "Dongsheng hulled sorghum, 2 kg bag",
      descriptionZh:
        "郝金宝家种的高粱，去壳后成了粉红色的高粱米，口感比大米粗一些。可以掺在大米里蒸饭，或者单独熬粥，煮前泡两三个小时更容易熟。净含量2公斤，密封干燥保存。",
      descriptionEn:
        "Sorghum from the Hao family, hulled into pinkish grains with a coarser bite than rice. Mix it with rice when steaming, or cook it on its own as porridge; a two- to three-hour soak first helps it cook through. Net weight 2 kg; keep sealed and dry.",
      category: "grains",
      unit: "bag",
      priceFen: 2480,
      stock: 120,
      perBuyerLimit: null,
      household: "hao-jinbao",
      image: "mixed-grains",
      imageAltZh: "杂粮插画",
      imageAltEn: "Illustration of mixed grains",
      featured: false,
      splitOverride: null,
    },
    {
      slug: "dongsheng-black-beans-1kg",
      titleZh: "东升村黑豆 1公斤袋装",
      titleEn: "Dongsheng black soybeans, 1 kg bag",
      descriptionZh:
        "郝金宝家在一小块地里种的黑豆，产量不大，晒干后手工挑拣。可以打豆浆、煮粥，或者泡软后和猪蹄、排骨一起炖。净含量1公斤，密封干燥保存。",
      descriptionEn:
        "Black soybeans the Hao family grows on one small plot, so there are not many; they are sun-dried and sorted by hand. Use them for soy milk or porridge, or soak until soft and braise with pork trotters or ribs. Net weight 1 kg; keep sealed and dry.",
      category: "grains",
      unit: "bag",
      priceFen: 2680,
      stock: 25,
      perBuyerLimit: 10,
      household: "hao-jinbao",
      image: "soybeans",
      imageAltZh: "豆子插画",
      imageAltEn: "Illustration of soybeans",
      featured: false,
      splitOverride: null,
    },
    {
      slug: "dongsheng-cornmeal-2-5kg",
      titleZh: "东升村玉米面 2.5公斤袋装",
      titleEn: "Dongsheng cornmeal, 2.5 kg bag",
      descriptionZh:
        "合作社地里收的玉米，在合作社的杂粮加工线上清选后磨成细玉米面，不掺白面。可以贴饼子、蒸窝头，也可以和白面掺在一起蒸馒头，或者搅成玉米面粥。净含量2.5公斤，开袋后密封，放在阴凉干燥处，天热时建议冷藏，几个月内吃完。",
      descriptionEn:
        "Corn from the cooperative's own fields, cleaned and finely ground on its grain processing line, with no wheat flour mixed in. Use it for pan-baked corn cakes or steamed wotou buns, blend it with wheat flour for steamed buns, or stir it into a thin porridge. Net weight 2.5 kg; reseal after opening and keep cool and dry, in the fridge in hot weather, and use within a few months.",
      category: "grains",
      unit: "bag",
      priceFen: 2380,
      stock: 220,
      perBuyerLimit: null,
      household: null,
      image: "corn",
      imageAltZh: "玉米插画",
      imageAltEn: "Illustration of corn",
      featured: false,
      splitOverride: null,
    },
  ],
};
