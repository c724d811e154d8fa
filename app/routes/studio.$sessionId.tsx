import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmAction } from "~/components/studio/confirm-action";
import { LivePanel } from "~/components/studio/live-panel";
import { SessionFields } from "~/components/studio/session-fields";
import { SessionProducts } from "~/components/studio/session-products";
import { StreamSettings } from "~/components/studio/stream-settings";
import { useFlashSale } from "~/components/live-flash/use-flash-sale";
import { FlashSaleControl } from "~/components/studio-flash/flash-sale-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormField } from "~/components/form-field";
import type { FlashSale } from "~/domain/flash-sale";
import { availableActions, canPin, editableFields } from "~/domain/live-session-state";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { isoToSchedule, studioActionSchema, studioEndSchema, studioUpdateSchema, studioUpdateTextSchema } from "~/forms/studio-session";
import { useSchemaForm } from "~/forms/use-schema-form";
import { invariantResponse } from "~/http/invariant-response";
import { readForm } from "~/http/read-form.server";
import { runStudioAction } from "~/http/studio-action.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import type { MessageKey } from "~/i18n/translate";
import { useI18n } from "~/i18n/use-i18n";
import { currentFlashSale } from "~/models/flash-sale.server";
import { coopSaleProducts, getStudioSession, getStudioStats, studioSessionStatus } from "~/models/studio.server";

// /studio/:sessionId: a host runs one session from a phone — status and the one big action
// at the bottom (go live / end), pins, the live panel, the stream key (masked until shown),
// and editing. The session's host and its cooperative's admins only; anyone else 404.
export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, (t) => ({ title: t("studio.title") })),
  { name: "robots", content: "noindex" },
];

const loginFor = (request: Request) => `/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const user = await scope.user();
  if (!user) throw redirect(loginFor(request));
  const locale = resolveLocale(request);
  const found = await scope.run(async (tx) => {
    const session = await getStudioSession(tx, user.id, params.sessionId ?? "", locale);
    if (!session) return null;
    const stats = session.status === "live" || session.status === "ended" ? await getStudioStats(tx, session.id, locale) : null;
    const flash = session.status === "live" ? await currentFlashSale(tx, session.id) : null;
    const saleProducts = editableFields(session.status).products ? await coopSaleProducts(tx, session.coopId, locale) : [];
    return { session, stats, saleProducts, flash };
  });
  invariantResponse(found, "Not found");
  return { ...found, ingestUrl: context.env.RTMP_INGEST_URL };
}

/** form: which form the reply belongs to; notice: one line for the whole page. */
type ActionData = { form: string; result?: FormReply; notice?: MessageKey; rotated?: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const user = await scope.user();
  if (!user) throw redirect(loginFor(request));
  const sessionId = params.sessionId ?? "";
  const status = await scope.run((tx) => studioSessionStatus(tx, user.id, sessionId));
  invariantResponse(status, "Not found");
  const submission = parseForm(await readForm(request), studioActionSchema);
  if (submission.status !== "success") {
    if (submission.error?.intent || submission.error?.productId) throw new Response("Unknown intent", { status: 400 });
    const intent = submission.payload.intent;
    const form = intent === "end" || intent === "flash-start" ? intent : "edit";
    return data<ActionData>({ form, result: replyTo(submission) }, { status: 422 });
  }
  const input = submission.value;
  const outcome = await scope.run((tx) => runStudioAction(tx, sessionId, input, { playbackUrl: context.env.LIVE_PLAYBACK_URL }));
  invariantResponse(outcome.status !== 404, "Not found");
  // After the commit: tell every instance (a no-op where the insert's NOTIFY already did).
  for (const eventId of outcome.eventIds) await context.realtime.announce(sessionId, eventId);
  const form = input.intent === "update" || input.intent === "update-text" ? "edit" : input.intent;
  const result = outcome.fieldErrors ? replyTo(submission, { fieldErrors: outcome.fieldErrors }) : replyTo(submission);
  return data<ActionData>(
    { form, result, notice: outcome.notice, rotated: input.intent === "rotate-key" && outcome.status === 200 },
    { status: outcome.status },
  );
}

function StatusHeader() {
  const { session } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  const when =
    session.status === "live"
      ? t("session.startedAt", { time: date(session.startedAt ?? session.scheduledStart) })
      : session.status === "ended"
        ? t("session.endedAt", { time: date(session.endedAt ?? session.scheduledStart) })
        : t("session.startsAt", { time: date(session.scheduledStart) });
  const badge = {
    live: "bg-chili-700 text-white",
    scheduled: "bg-soil-100 text-soil-900",
    ended: "bg-soil-700 text-white",
    cancelled: "bg-soil-100 text-soil-900 line-through",
  }[session.status];
  return (
    <header className="space-y-2">
      <Link to="/studio" className="flex min-h-11 w-fit items-center text-sm text-leaf-800 underline">
        ← {t("studio.back")}
      </Link>
      <p role="status" className={`inline-flex items-center gap-2 rounded-full px-4 py-2 text-lg font-bold ${badge}`}>
        {session.status === "live" ? <span aria-hidden className="h-3 w-3 animate-pulse rounded-full bg-white" /> : null}
        {t(`studio.status.${session.status}`)}
      </p>
      <h1 className="text-xl font-bold leading-snug">{session.title}</h1>
      <p className="text-sm text-soil-800">
        <time dateTime={session.startedAt ?? session.scheduledStart}>{when}</time> · {session.coopName}
        {session.status === "cancelled" ? null : (
          <>
            {" · "}
            <Link to={`/live/${session.id}`} className="text-leaf-800 underline">
              {t("studio.viewerPage")}
            </Link>
          </>
        )}
      </p>
      {session.mine ? null : <p className="text-sm text-soil-800">{t("studio.runsAsAdmin", { coop: session.coopName })}</p>}
    </header>
  );
}

/** The one thing to do next, fixed at the bottom of a phone screen within thumb reach. */
function ActionBar({ lastResult }: { lastResult?: FormReply }) {
  const { session } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const [endForm, endFields] = useSchemaForm(studioEndSchema, { id: "studio-end", lastResult });
  const actions = availableActions(session.status);
  if (actions.length === 0) return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-20 border-t border-soil-100 bg-white/95 px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3 shadow-[0_-4px_12px_rgba(0,0,0,0.08)]">
      <div className="mx-auto flex max-w-xl flex-col gap-2">
        {/* The state stays in sight wherever the page is scrolled. */}
        <p className="flex items-center gap-2 text-sm font-semibold" aria-hidden>
          {session.status === "live" ? <span className="h-2.5 w-2.5 animate-pulse rounded-full bg-chili-700" /> : null}
          {t(`studio.status.${session.status}`)} · <span className="truncate font-normal">{session.title}</span>
        </p>
        {actions.includes("go-live") ? (
          <ConfirmAction
            label={t("studio.goLive")}
            question={t("studio.goLiveConfirm")}
            yes={t("studio.goLiveYes")}
            intent="go-live"
            tone="go"
          />
        ) : null}
        {actions.includes("end") ? (
          <ConfirmAction
            label={t("studio.end")}
            question={t("studio.endConfirm")}
            yes={t("studio.endYes")}
            intent="end"
            tone="stop"
            formProps={getFormProps(endForm)}
            open={endForm.status === "error"}
          >
            <FormField field={endFields.replayUrl} label={t("studio.replayUrl")} hint={t("studio.replayUrlHint")} inputMode="url" />
          </ConfirmAction>
        ) : null}
      </div>
    </div>
  );
}

function EditSession({ lastResult }: { lastResult?: FormReply }) {
  const { session, saleProducts } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const editable = editableFields(session.status);
  const schema = editable.schedule ? studioUpdateSchema : studioUpdateTextSchema;
  const [form, fields] = useSchemaForm(schema, {
    id: "studio-edit",
    lastResult,
    defaultValue: {
      titleZh: session.titleZh,
      titleEn: session.titleEn,
      descriptionZh: session.descriptionZh,
      descriptionEn: session.descriptionEn,
      ...(editable.schedule
        ? { scheduledStart: isoToSchedule(session.scheduledStart), productIds: session.products.map((p) => p.id) }
        : {}),
    },
  });
  if (!editable.text) return null;
  return (
    <details className="rounded-xl bg-white p-4 shadow-sm" open={form.status === "error"}>
      <summary className="flex min-h-12 cursor-pointer items-center text-lg font-semibold">{t("studio.edit")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
        <SessionFields fields={fields} products={editable.products ? saleProducts : undefined} />
        {editable.schedule ? null : <p className="text-sm text-soil-800">{t("studio.liveEditNote")}</p>}
        <button
          type="submit"
          name="intent"
          value={editable.schedule ? "update" : "update-text"}
          className="min-h-12 w-full rounded-xl bg-leaf-700 px-4 font-bold text-white"
        >
          {t("studio.save")}
        </button>
      </Form>
      {session.status === "scheduled" ? (
        <div className="mt-4">
          <ConfirmAction
            label={t("studio.cancel")}
            question={t("studio.cancelConfirm")}
            yes={t("studio.cancelYes")}
            intent="cancel"
            tone="quiet"
          />
        </div>
      ) : null}
    </details>
  );
}

/** The flash sale on the pinned product: start one, or follow and end the one running. */
function StudioFlashSale({ flash, lastResult }: { flash: FlashSale | null; lastResult?: FormReply }) {
  const { session } = useLoaderData<typeof loader>();
  // A new sale from the loader (after start or end) replaces the one the countdown follows.
  const { view } = useFlashSale(flash, flash?.flashSaleId ?? null);
  const pinned = session.products.find((p) => p.id === session.pinnedProductId);
  return (
    <FlashSaleControl
      pinned={pinned ? { id: pinned.id, title: pinned.title, priceFen: pinned.priceFen, stock: pinned.stock ?? 0 } : null}
      view={view}
      lastResult={lastResult}
    />
  );
}

export default function StudioSessionPage() {
  const { session, stats, ingestUrl, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const replyOf = (form: string) => (actionData?.form === form ? actionData.result : undefined);
  const hasBar = availableActions(session.status).length > 0;
  return (
    <div className={`mx-auto max-w-xl space-y-4 ${hasBar ? "pb-56" : ""}`}>
      <StatusHeader />
      {actionData?.notice ? (
        <p role="alert" className="rounded-lg bg-soil-100 p-3 font-medium">
          {t(actionData.notice)}
        </p>
      ) : null}
      {stats ? <LivePanel sessionId={session.id} stats={stats} live={session.status === "live"} mine={session.mine} /> : null}
      {session.status === "live" ? <StudioFlashSale flash={flash} lastResult={replyOf("flash-start")} /> : null}
      <SessionProducts products={session.products} pinnedProductId={session.pinnedProductId} canPin={canPin(session.status)} />
      {session.status === "scheduled" || session.status === "live" ? (
        <StreamSettings
          ingestUrl={ingestUrl}
          streamKey={session.streamKey}
          keyMadeAt={session.keyRotatedAt}
          canRotate
          openKey={actionData?.rotated === true}
        />
      ) : null}
      <EditSession lastResult={replyOf("edit")} />
      <ActionBar lastResult={replyOf("end")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
