import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { pageMeta } from "~/i18n/meta";
import { resolveLocale } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/translate";
import { useI18n } from "~/i18n/use-i18n";
import { listHostSessions, type StudioSession } from "~/models/studio.server";
import { getViewer } from "~/models/user.server";

// /studio: a host's own live sessions (live now, upcoming, past) across the cooperatives
// they stream for. Only hosts: anyone else gets a 404.
export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, (t) => ({ title: t("studio.title") })),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const user = await scope.user();
  if (!user) throw redirect("/login?redirectTo=/studio");
  const locale = resolveLocale(request);
  const { viewer, sessions } = await scope.run(async (tx) => {
    const viewer = await getViewer(tx, user.id, locale);
    return { viewer, sessions: viewer?.isHost ? await listHostSessions(tx, user.id, locale) : null };
  });
  invariantResponse(viewer?.isHost && sessions, "Not found");
  const coops = viewer.memberships.filter((m) => m.role === "streamer").map(({ coopSlug, coopName }) => ({ coopSlug, coopName }));
  return { coops, sessions };
}

function SessionRow({ session }: { session: StudioSession }) {
  const { t, date } = useI18n();
  const title = session.title;
  const when =
    session.status === "live"
      ? t("session.startedAt", { time: date(session.startedAt ?? session.scheduledStart) })
      : session.status === "ended"
        ? t("session.endedAt", { time: date(session.startedAt ?? session.scheduledStart) })
        : t("session.startsAt", { time: date(session.scheduledStart) });
  return (
    <li className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 p-3">
      <div className="min-w-0">
        <p className="font-semibold leading-snug">
          {session.status === "live" ? (
            <span className="mr-2 rounded bg-chili-700 px-1.5 py-0.5 text-xs font-bold text-white">{t("session.live")}</span>
          ) : null}
          {session.status === "cancelled" ? (
            title
          ) : (
            <Link to={`/live/${session.id}`} className="text-soil-900 hover:underline">
              {title}
            </Link>
          )}
        </p>
        <p className="mt-0.5 text-sm text-soil-800">
          {t("session.by", { coop: session.coopName })} · <time dateTime={session.startedAt ?? session.scheduledStart}>{when}</time>
        </p>
      </div>
      {session.status === "ended" ? (
        <p className="text-sm text-soil-800">{t(session.hasReplay ? "studio.replayReady" : "studio.noReplay")}</p>
      ) : null}
    </li>
  );
}

const SECTIONS: { key: "live" | "upcoming" | "past" | "cancelled"; title: MessageKey }[] = [
  { key: "live", title: "studio.live" },
  { key: "upcoming", title: "studio.upcoming" },
  { key: "past", title: "studio.past" },
  { key: "cancelled", title: "studio.cancelled" },
];

export default function StudioPage() {
  const { coops, sessions } = useLoaderData<typeof loader>();
  const { t, list } = useI18n();
  const none = SECTIONS.every((s) => sessions[s.key].length === 0);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("studio.title")}</h1>
        <p className="mt-1 text-sm text-soil-800">{t("studio.hostFor", { coops: list(coops.map((c) => c.coopName)) })}</p>
      </header>
      {none ? <p className="text-soil-800">{t("studio.none")}</p> : null}
      {SECTIONS.filter((s) => sessions[s.key].length > 0).map((s) => (
        <section key={s.key} aria-labelledby={`studio-${s.key}`}>
          <h2 id={`studio-${s.key}`} className="text-lg font-semibold">
            {t(s.title)}
          </h2>
          <ul className="mt-2 divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
            {sessions[s.key].map((session) => (
              <SessionRow key={session.id} session={session} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
