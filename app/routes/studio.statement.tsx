import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StreamerStatement } from "~/components/statements/streamer-statement";
import { householdsRangeConstraint, readHouseholdsRange, replyTo } from "~/forms/report-range.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getStreamerStatement } from "~/models/statement.server";

// /studio/statement?from&to: the signed-in host's own commission statement across the
// cooperatives they stream for. Always the caller's own: the user id comes from the session,
// and RLS (and public.streamer_commission_by_session) show a streamer only their lines.
export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, (t) => ({ title: t("statement.mine.title") })),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const user = await scope.user();
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  const submission = readHouseholdsRange(new URL(request.url).searchParams);
  const constraint = householdsRangeConstraint;
  if (submission.status !== "success") {
    return data({ range: null, statement: null, result: replyTo(submission), constraint }, { status: 400 });
  }
  const range = submission.value;
  const locale = resolveLocale(request);
  const statement = await scope.run((tx) =>
    getStreamerStatement(tx, { kind: "streamer", cooperativeId: null, userId: user.id }, range, locale),
  );
  return { range, statement, result: null, constraint };
}

export default function MyStatementPage() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-3xl">
      <StreamerStatement title={t("statement.mine.title")} {...loaded} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
