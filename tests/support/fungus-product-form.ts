// The seeded Zhengjia black fungus as the dashboard's product form posts it: tests that
// edit the product start from its real values and change only what they are about.
export const fungusProductForm = (overrides: Record<string, string> = {}): Record<string, string> => ({
  intent: "save",
  titleZh: "郑家村干黑木耳 250克袋装",
  titleEn: "Zhengjia dried black fungus, 250 g bag",
  descriptionZh: "",
  descriptionEn: "",
  categorySlug: "fungi",
  unit: "bag",
  price: "42.50",
  stock: "120",
  perBuyerLimit: "",
  householdId: "",
  status: "active",
  ...overrides,
});
