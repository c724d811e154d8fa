import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";
import type { MessageKey } from "~/i18n/translate";
import type { SessionSummary } from "~/models/live-session.server";

type Look = { badge: MessageKey; cta: MessageKey; badgeClass: string };

// The badge and the call to action say what the session is now: live, upcoming or a replay.
const LOOKS: Record<"live" | "upcoming" | "replay", Look> = {
  live: { badge: "session.badge.live", cta: "session.cta.live", badgeClass: "bg-chili-700 text-white" },
  upcoming: { badge: "session.badge.upcoming", cta: "session.cta.upcoming", badgeClass: "bg-white text-soil-900 ring-1 ring-soil-700" },
  replay: { badge: "session.badge.replay", cta: "session.cta.replay", badgeClass: "bg-soil-900 text-white" },
};

export function SessionCard({ session }: { session: SessionSummary }) {
  const { t, date } = useI18n();
  const kind = session.status === "live" ? "live" : session.status === "ended" ? "replay" : "upcoming";
  const look = LOOKS[kind];
  const when =
    kind === "live"
      ? t("session.startedAt", { time: date(session.startedAt ?? session.scheduledStart) })
      : kind === "replay"
        ? t("session.endedAt", { time: date(session.startedAt ?? session.scheduledStart) })
        : t("session.startsAt", { time: date(session.scheduledStart) });
  return (
    <article
      className="relative flex h-full flex-col overflow-hidden rounded-lg border border-soil-100 bg-white shadow-sm"
      data-status={kind}
    >
      <div className="relative aspect-video bg-soil-100">
        {session.posterImage ? (
          <img
            src={session.posterImage}
            alt=""
            width={1280}
            height={720}
            loading="lazy"
            decoding="async"
            className="h-full w-full object-cover"
          />
        ) : null}
        <span className={`absolute left-2 top-2 inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs font-bold ${look.badgeClass}`}>
          {kind === "live" ? <span aria-hidden="true" className="h-2 w-2 rounded-full bg-white motion-safe:animate-pulse" /> : null}
          {t(look.badge)}
        </span>
      </div>
      <div className="flex flex-1 flex-col p-3">
        <h3 className="font-semibold leading-snug">
          {/* The title's link covers the whole card (after:inset-0): one link, one tab stop. */}
          <Link to={`/live/${session.id}`} className="text-soil-900 after:absolute after:inset-0 hover:underline">
            {session.title}
          </Link>
        </h3>
        <p className="mt-1 text-sm text-soil-800">{t("session.by", { coop: session.coopName })}</p>
        <p className={`mt-1 text-sm ${kind === "upcoming" ? "font-semibold text-soil-900" : "text-soil-800"}`}>{when}</p>
        <p aria-hidden="true" className={`mt-auto pt-2 text-sm font-semibold ${kind === "live" ? "text-chili-700" : "text-leaf-800"}`}>
          {t(look.cta)} →
        </p>
      </div>
    </article>
  );
}
