import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import type { SessionSummary } from "~/models/live-session.server";

export function SessionCard({ session }: { session: SessionSummary }) {
  const { t, pick, date } = useI18n();
  const when =
    session.status === "live"
      ? t("session.startedAt", { time: date(session.startedAt ?? session.scheduledStart) })
      : session.status === "ended"
        ? t("session.endedAt", { time: date(session.startedAt ?? session.scheduledStart) })
        : t("session.startsAt", { time: date(session.scheduledStart) });
  const action = session.status === "ended" ? t("session.watchReplay") : t("session.watch");
  return (
    <article className="overflow-hidden rounded-lg border border-soil-100 bg-white shadow-sm">
      <div className="relative">
        {session.posterImage ? (
          <img
            src={session.posterImage}
            alt=""
            width={1280}
            height={720}
            loading="lazy"
            decoding="async"
            className="aspect-video w-full bg-soil-100 object-cover"
          />
        ) : null}
        {session.status === "live" ? (
          <span className="absolute left-2 top-2 rounded bg-chili-700 px-2 py-0.5 text-xs font-bold text-white">
            {t("session.live")}
          </span>
        ) : null}
      </div>
      <div className="p-3">
        <h3 className="font-semibold leading-snug">
          <Link to={`/live/${session.id}`} className="text-soil-900 hover:underline">
            {pick(session.titleZh, session.titleEn)}
          </Link>
        </h3>
        <p className="mt-1 text-sm text-soil-800">
          {t("session.by", { coop: pick(session.coopNameZh, session.coopNameEn) })} · {when}
        </p>
        <p className="mt-2 text-sm font-medium text-leaf-800" aria-hidden="true">{action} →</p>
      </div>
    </article>
  );
}
