import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StreamerStatement } from "~/components/statements/streamer-statement";
import { isUuid } from "~/domain/uuid";
import { householdsRangeConstraint, readHouseholdsRange, replyTo } from "~/forms/report-range.server";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { useI18n } from "~/i18n/use-i18n";
import { getStatementStreamer, getStreamerStatement } from "~/models/statement.server";

// /dashboard/:coopSlug/payouts/streamers/:userId/statement?from&to: a host's commission in
// this cooperative per live session, refunds netted, payouts and balance, for its admins.
// Someone who does not stream for this cooperative: 404.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  invariantResponse(isUuid(params.userId), "Not found");
  const userId = params.userId;
  const submission = readHouseholdsRange(new URL(request.url).searchParams);
  const range = submission.status === "success" ? submission.value : null;
  const locale = resolveLocale(request);
  // one transaction: the streamer (404 when they do not stream here), then their statement
  const { streamer, statement } = await scope.run(async (tx) => {
    const streamer = await getStatementStreamer(tx, coop.id, userId);
    if (!streamer || !range) return { streamer, statement: null };
    return { streamer, statement: await getStreamerStatement(tx, { kind: "streamer", cooperativeId: coop.id, userId }, range, locale) };
  });
  invariantResponse(streamer, "Not found");
  const name = streamer.name;
  const constraint = householdsRangeConstraint;
  if (!range) return data({ name, range, statement, result: replyTo(submission), constraint }, { status: 400 });
  return { name, range, statement, result: null, constraint };
}

export default function StreamerStatementPage() {
  const { name, ...rest } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return <StreamerStatement title={t("statement.streamer.title", { name: name ?? t("dash.payouts.unnamed") })} {...rest} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
