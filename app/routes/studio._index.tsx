import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PayoutHistory } from "~/components/payout-history";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { pageMeta } from "~/i18n/meta";
import { resolveLocale } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/translate";
import { useI18n } from "~/i18n/use-i18n";
import { getStreamerEarnings, type StreamerEarnings } from "~/models/payout.server";
import { listStudioSessions, type StudioSession } from "~/models/studio.server";
import { getViewer } from "~/models/user.server";

// /studio: the live sessions a user runs (live now, upcoming, past): a host's own across the
// cooperatives they stream for, and every session of the cooperatives they administer. Only
// hosts and cooperative admins: anyone else gets a 404.
export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, (t) => ({ title: t("studio.title") })),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const user = await scope.user();
  if (!user) throw redirect("/login?redirectTo=/studio");
  const locale = resolveLocale(request);
  const { viewer, sessions, earnings } = await scope.run(async (tx) => {
    const viewer = await getViewer(tx, user.id, locale);
    const runs = viewer?.memberships.some((m) => m.role === "streamer" || m.role === "admin");
    const streams = viewer?.memberships.some((m) => m.role === "streamer");
    return {
      viewer,
      sessions: runs ? await listStudioSessions(tx, user.id, locale) : null,
      // A streamer's own commission and payouts (RLS shows a streamer only their own).
      earnings: streams ? await getStreamerEarnings(tx, user.id, locale) : null,
    };
  });
  invariantResponse(viewer && sessions, "Not found");
  const names = (role: "streamer" | "admin") => viewer.memberships.filter((m) => m.role === role).map((m) => m.coopName);
  return { hostFor: names("streamer"), adminOf: names("admin"), sessions, earnings };
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
    <li className="flex items-center justify-between gap-3 p-3">
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
          {session.mine ? null : <span className="ml-2 rounded bg-soil-100 px-1.5 py-0.5 text-xs">{t("studio.asAdmin")}</span>}
        </p>
        <p className="mt-0.5 text-sm text-soil-800">
          {t("session.by", { coop: session.coopName })} · <time dateTime={session.startedAt ?? session.scheduledStart}>{when}</time>
        </p>
        {session.status === "ended" ? (
          <p className="text-sm text-soil-800">{t(session.hasReplay ? "studio.replayReady" : "studio.noReplay")}</p>
        ) : null}
      </div>
      <Link
        to={`/studio/${session.id}`}
        aria-label={`${t("studio.manage")}: ${title}`}
        className="inline-flex min-h-12 shrink-0 items-center rounded-lg border-2 border-leaf-700 px-4 font-semibold text-leaf-800"
      >
        {t("studio.manage")}
      </Link>
    </li>
  );
}

const SECTIONS: { key: "live" | "upcoming" | "past" | "cancelled"; title: MessageKey }[] = [
  { key: "live", title: "studio.live" },
  { key: "upcoming", title: "studio.upcoming" },
  { key: "past", title: "studio.past" },
  { key: "cancelled", title: "studio.cancelled" },
];

function Earnings({ earnings }: { earnings: StreamerEarnings }) {
  const { t, price } = useI18n();
  return (
    <section aria-labelledby="studio-earnings" className="space-y-2">
      <h2 id="studio-earnings" className="text-lg font-semibold">
        {t("studio.earnings.title")}
      </h2>
      {earnings.accounts.length === 0 ? (
        <p className="text-sm text-soil-800">{t("studio.earnings.none")}</p>
      ) : (
        <>
          <p className="text-sm text-soil-800">
            {t("studio.earnings.intro")}{" "}
            <Link to="/studio/statement" className="font-semibold text-leaf-800 underline">
              {t("statement.mine.title")}
            </Link>
          </p>
          <ul className="divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
            {earnings.accounts.map((a) => (
              <li key={a.cooperativeName} className="p-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-semibold">{a.cooperativeName}</p>
                  <p className={`text-lg font-bold ${a.owedFen < 0 ? "text-chili-700" : "text-leaf-800"}`}>
                    {t("studio.earnings.owed", { amount: price(a.owedFen) })}
                  </p>
                </div>
                <dl className="mt-1 grid grid-cols-3 gap-x-4 text-sm text-soil-800">
                  <div>
                    <dt>{t("dash.payouts.earned")}</dt>
                    <dd>{price(a.earnedFen)}</dd>
                  </div>
                  <div>
                    <dt>{t("dash.payouts.refunded")}</dt>
                    <dd>{price(a.refundedFen)}</dd>
                  </div>
                  <div>
                    <dt>{t("dash.payouts.paid")}</dt>
                    <dd>{price(a.paidFen)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <h3 className="pt-2 font-semibold">{t("studio.earnings.payouts")}</h3>
          <PayoutHistory payouts={earnings.payouts} empty={t("studio.earnings.noPayouts")} />
        </>
      )}
    </section>
  );
}

export default function StudioPage() {
  const { hostFor, adminOf, sessions, earnings } = useLoaderData<typeof loader>();
  const { t, list } = useI18n();
  const none = SECTIONS.every((s) => sessions[s.key].length === 0);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("studio.title")}</h1>
          {hostFor.length > 0 ? <p className="mt-1 text-sm text-soil-800">{t("studio.hostFor", { coops: list(hostFor) })}</p> : null}
          {adminOf.length > 0 ? <p className="mt-1 text-sm text-soil-800">{t("studio.adminFor", { coops: list(adminOf) })}</p> : null}
        </div>
        <Link to="/studio/new" className="inline-flex min-h-12 items-center rounded-xl bg-leaf-700 px-4 font-bold text-white">
          {t("studio.new")}
        </Link>
      </header>
      {earnings ? <Earnings earnings={earnings} /> : null}
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
