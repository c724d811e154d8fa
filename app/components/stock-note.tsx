import { useI18n } from "~/i18n/use-i18n";

const LOW_STOCK = 10;

export function StockNote({ stock }: { stock: number }) {
  const { t } = useI18n();
  if (stock <= 0) return <p className="text-sm font-semibold text-chili-700">{t("product.soldOut")}</p>;
  if (stock <= LOW_STOCK) return <p className="text-sm font-semibold text-soil-800">{t("product.lowStock", { count: stock })}</p>;
  return <p className="text-sm text-leaf-800">{t("product.inStock", { count: stock })}</p>;
}
