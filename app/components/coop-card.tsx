import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import type { CooperativeSummary } from "~/models/cooperative.server";

export function CoopCard({ coop }: { coop: CooperativeSummary }) {
  const { t } = useI18n();
  return (
    <article className="overflow-hidden rounded-lg border border-soil-100 bg-white shadow-sm">
      {coop.heroImage ? (
        <img
          src={coop.heroImage}
          alt=""
          width={1200}
          height={600}
          loading="lazy"
          decoding="async"
          className="aspect-[2/1] w-full bg-soil-100 object-cover"
        />
      ) : null}
      <div className="p-3">
        <h3 className="font-semibold">
          <Link to={`/coops/${coop.slug}`} className="text-soil-900 hover:underline">
            {coop.name}
          </Link>
        </h3>
        <p className="text-sm text-soil-800">
          {coop.province} · {t("coop.households", { count: coop.householdCount })}
        </p>
      </div>
    </article>
  );
}
