// Shape of the demo catalogue the seed writes. Content lives in demo-catalog.ts.

export const CATEGORY_SLUGS = ["rice", "grains", "fungi", "fruit", "vegetables", "meat"] as const;
export type CategorySlug = (typeof CATEGORY_SLUGS)[number];

/** Selling units; labels per language live in app/i18n. */
export const UNIT_CODES = ["kg", "jin", "box", "bag", "jar", "piece"] as const;
export type UnitCode = (typeof UNIT_CODES)[number];

/** Illustrations shipped in public/images/products/<key>.svg (800x600). */
export const PRODUCT_ILLUSTRATIONS = [
  "rice",
  "black-fungus",
  "mushrooms",
  "grapes",
  "strawberries",
  "sweet-potato",
  "vegetables",
  "mixed-grains",
  "millet",
  "corn",
  "soybeans",
  "beef",
] as const;
export type ProductIllustration = (typeof PRODUCT_ILLUSTRATIONS)[number];

/** Split in basis points; the four parts sum to 10000. */
export type DemoSplit = {
  household: number;
  collective: number;
  streamer: number;
  platform: number;
};

export type DemoHousehold = {
  /** Stable key used by products in this file, e.g. "wang-jianguo". */
  key: string;
  nameZh: string; // e.g. 王建国家
  nameEn: string; // e.g. Wang Jianguo household
  headNameZh: string;
  headNameEn: string;
  members: number;
};

export type DemoProduct = {
  slug: string; // globally unique, kebab-case, e.g. "zhengjia-black-fungus-500g"
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  category: CategorySlug;
  unit: UnitCode;
  /** Price per unit in fen (integer). */
  priceFen: number;
  stock: number;
  /** Max units one buyer may take per order, or null for no limit. */
  perBuyerLimit: number | null;
  /** Household key of the grower, or null when the collective owns it. */
  household: string | null;
  image: ProductIllustration;
  imageAltZh: string;
  imageAltEn: string;
  featured: boolean;
  /** Optional per-product split override. */
  splitOverride: DemoSplit | null;
};

export type DemoCooperative = {
  slug: string;
  nameZh: string;
  nameEn: string;
  villageZh: string;
  villageEn: string;
  townZh: string;
  townEn: string;
  countyZh: string;
  countyEn: string;
  provinceZh: string;
  provinceEn: string;
  storyZh: string;
  storyEn: string;
  foundedYear: number;
  defaultSplit: DemoSplit;
  households: DemoHousehold[];
  products: DemoProduct[];
};
