import { allocate } from "~/domain/split-allocation";
import { effectiveShares, formatBasisPoints, type SplitRule } from "~/domain/split-rule";
import { useI18n } from "~/i18n/use-i18n";

/** "Of every ¥39.80 you pay: ¥27.86 to the Wang household …" — the split made visible. */
export function SplitPreview(props: { amountFen: number; rule: SplitRule; householdName: string | null; villageName: string }) {
  const { t, price, locale } = useI18n();
  const shares = effectiveShares(props.rule, { hasHousehold: props.householdName !== null, soldLive: true });
  const parts = allocate(props.amountFen, shares);
  const rows = [
    { key: "household", label: props.householdName ? t("product.split.household", { name: props.householdName }) : null },
    { key: "collective", label: t("product.split.collective", { village: props.villageName }) },
    { key: "streamer", label: t("product.split.streamer") },
    { key: "platform", label: t("product.split.platform") },
  ] as const;
  return (
    <section aria-labelledby="split-title" className="rounded-lg border border-leaf-100 bg-leaf-50 p-4">
      <h2 id="split-title" className="font-semibold text-leaf-900">
        {t("product.split.title")}
      </h2>
      <p className="mt-1 text-sm text-soil-800">{t("product.split.intro", { amount: price(props.amountFen) })}</p>
      <dl className="mt-3 space-y-1 text-sm">
        {rows.map((row) =>
          row.label && shares[row.key] > 0 ? (
            <div key={row.key} className="flex justify-between gap-3">
              <dt className="text-soil-900">{row.label}</dt>
              <dd className="shrink-0 font-medium tabular-nums">
                {price(parts[row.key])} <span className="text-soil-800">({formatBasisPoints(shares[row.key], locale)})</span>
              </dd>
            </div>
          ) : null,
        )}
      </dl>
    </section>
  );
}
