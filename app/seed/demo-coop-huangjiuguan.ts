// Demo content: 黄酒馆村 (辽宁省铁岭市昌图县金家镇) — beef from the green ecological breeding cooperative
// Illustrative demo content inspired by press reports; not records of real businesses.
// Source: a press report on village collective economies in Liaoning (April 2024).

import type { DemoCooperative } from "./demo-catalog.types";

export const huangjiuguanCooperative: DemoCooperative = {
  slug: "huangjiuguan",
  nameZh: "黄酒馆村绿色生态养殖合作社",
  nameEn: "Huangjiuguan Village Green Ecological Breeding Cooperative",
  villageZh: "黄酒馆村",
  villageEn: "Huangjiuguan Village",
  townZh: "金家镇",
  townEn: "Jinjia Town",
  countyZh: "铁岭市昌图县",
  countyEn: "Changtu County, Tieling",
  provinceZh: "辽宁省",
  provinceEn: "Liaoning",
  storyZh:
    "2018年，黄酒馆村“两委”班子按“村社一体”的模式成立了养殖合作社，整合200万元村级集体经济扶持资金，村里的党员干部带头投入200万元，农户投入160万元，开始发展肉牛产业。如今合作社的牛棚外，一群群膘肥体壮的肉牛在晒太阳。据报道，村集体年收入达到70万元，农民人均纯收入超过3万元。本店的农户和商品是演示用的示例，并非真实的经营记录。",
  storyEn:
    "In 2018 Huangjiuguan's village committees set up a breeding cooperative run jointly by the village and the cooperative, pooling a ¥2 million subsidy for the village collective economy with ¥2 million put in first by the village's Party members and cadres and ¥1.6 million from farmers, and started raising beef cattle. Today herds of sturdy cattle stand or lie in the sun at the cooperative. Press reports put the village collective's income at about ¥700,000 a year and farmers' net income at over ¥30,000 per person. The households and products in this shop are illustrative demo content, not real business records.",
  foundedYear: 2018,
  defaultSplit: { household: 7300, collective: 1200, streamer: 1000, platform: 500 },
  households: [
    {
      key: "huang-zhiqiang",
      nameZh: "黄志强家",
      nameEn: "Huang Zhiqiang household",
      headNameZh: "黄志强",
      headNameEn: "Huang Zhiqiang",
      members: 4,
    },
    {
      key: "zhou-guihua",
      nameZh: "周桂花家",
      nameEn: "Zhou Guihua household",
      headNameZh: "周桂花",
      headNameEn: "Zhou Guihua",
      members: 3,
    },
    {
      key: "tian-shoucheng",
      nameZh: "田守成家",
      nameEn: "Tian Shoucheng household",
      headNameZh: "田守成",
      headNameEn: "Tian Shoucheng",
      members: 5,
    },
  ],
  products: [
    {
      slug: "huangjiuguan-beef-brisket-1kg",
      titleZh: "黄酒馆村牛腩 1公斤装",
      titleEn: "Huangjiuguan beef brisket, 1 kg pack",
      descriptionZh:
        "黄志强家跟着合作社养的牛，在定点屠宰场屠宰、分割后取肥瘦相间的牛腩，切块后真空冷冻包装。适合红烧或和土豆、西红柿一起炖，小火炖一个半到两个小时。净重1公斤，冷冻保存，吃之前放冷藏室慢慢解冻。",
      descriptionEn:
        "Brisket from cattle the Huang family raises with the cooperative, slaughtered and cut at a licensed abattoir; a cut with fat and lean in layers, cubed and vacuum-packed frozen. Braise it in soy sauce or stew with potatoes and tomatoes for an hour and a half to two hours. Net weight 1 kg; keep frozen and thaw slowly in the fridge.",
      category: "meat",
      unit: "kg",
      priceFen: 12800,
      stock: 90,
      perBuyerLimit: null,
      household: "huang-zhiqiang",
      image: "beef",
      imageAltZh: "牛肉插画",
      imageAltEn: "Illustration of beef",
      featured: true,
      splitOverride: { household: 6500, collective: 2000, streamer: 1000, platform: 500 },
    },
    {
      slug: "huangjiuguan-beef-shank-1kg",
      titleZh: "黄酒馆村牛腱子 1公斤装",
      titleEn: "Huangjiuguan beef shank, 1 kg pack",
      descriptionZh:
        "周桂花家养的牛，一头牛的腱子肉不多，整块真空冷冻包装。适合做酱牛肉：冷水下锅焯水后，加酱油和香料小火卤两个小时左右，放凉切片。净重1公斤，冷冻保存。",
      descriptionEn:
        "Shank from the Zhou family's cattle — each animal yields only a little — vacuum-packed frozen as whole pieces. It makes good soy-braised beef: blanch from cold water, then simmer with soy sauce and spices for about two hours, cool and slice. Net weight 1 kg; keep frozen.",
      category: "meat",
      unit: "kg",
      priceFen: 13800,
      stock: 0,
      perBuyerLimit: 5,
      household: "zhou-guihua",
      image: "beef",
      imageAltZh: "牛肉插画",
      imageAltEn: "Illustration of beef",
      featured: false,
      splitOverride: null,
    },
    {
      slug: "huangjiuguan-beef-rib-fingers-1kg",
      titleZh: "黄酒馆村牛肋条 1公斤装",
      titleEn: "Huangjiuguan beef rib fingers, 1 kg pack",
      descriptionZh:
        "田守成家养的牛，取肋骨之间的条状肉，带一些筋膜和油花。可以炖，也可以切小块烤或煎。净重1公斤，真空冷冻包装，解冻后不要再次冷冻。",
      descriptionEn:
        "The strips of meat between the ribs from the Tian family's cattle, with some sinew and marbling. Stew them, or cut into pieces to grill or pan-fry. Net weight 1 kg, vacuum-packed frozen; do not refreeze once thawed.",
      category: "meat",
      unit: "kg",
      priceFen: 11800,
      stock: 70,
      perBuyerLimit: null,
      household: "tian-shoucheng",
      image: "beef",
      imageAltZh: "牛肉插画",
      imageAltEn: "Illustration of beef",
      featured: false,
      splitOverride: null,
    },
    {
      slug: "huangjiuguan-beef-mince-500g",
      titleZh: "黄酒馆村牛肉馅 500克袋装",
      titleEn: "Huangjiuguan beef mince, 500 g bag",
      descriptionZh:
        "用田守成家牛的前腿肉绞成的肉馅，肥瘦大约三七开，适合包饺子、包子或做肉丸。净重500克，平铺冷冻包装，解冻快，解冻后请当天用完。",
      descriptionEn:
        "Mince ground from the foreleg of the Tian family's cattle, roughly three parts fat to seven lean, for dumplings, steamed buns or meatballs. Net weight 500 g, frozen flat so it thaws quickly; use the same day once thawed.",
      category: "meat",
      unit: "bag",
      priceFen: 4580,
      stock: 110,
      perBuyerLimit: null,
      household: "tian-shoucheng",
      image: "beef",
      imageAltZh: "牛肉插画",
      imageAltEn: "Illustration of beef",
      featured: false,
      splitOverride: null,
    },
    {
      slug: "huangjiuguan-hot-pot-box-2kg",
      titleZh: "黄酒馆村牛肉火锅礼盒 2公斤",
      titleEn: "Huangjiuguan beef hot pot box, 2 kg",
      descriptionZh:
        "合作社把几户人家的牛肉统一分割，装成一盒：牛腩、肋条各500克，涮锅用的牛肉片1公斤。适合家里几个人一起吃火锅。总净重2公斤，冷冻保存，冷链发货。",
      descriptionEn:
        "The cooperative cuts beef from several households and packs one box with 500 g each of brisket and rib fingers plus 1 kg of thin hot-pot slices — enough for a family hot pot. Total net weight 2 kg; keep frozen. Shipped by cold chain.",
      category: "meat",
      unit: "box",
      priceFen: 25800,
      stock: 30,
      perBuyerLimit: null,
      household: null,
      image: "beef",
      imageAltZh: "牛肉插画",
      imageAltEn: "Illustration of beef",
      featured: false,
      splitOverride: null,
    },
  ],
};
