import { getFormProps, getSelectProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldError } from "~/components/form-field";
import { SessionFields } from "~/components/studio/session-fields";
import { parseForm, replyTo } from "~/forms/parse-form";
import { isoToSchedule, studioCreateSchema } from "~/forms/studio-session";
import { useSchemaForm } from "~/forms/use-schema-form";
import { invariantResponse } from "~/http/invariant-response";
import { readForm } from "~/http/read-form.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { createLiveSession } from "~/models/studio-session.server";
import { listStudioCoops } from "~/models/studio.server";

// /studio/new: schedule a session for a cooperative the user streams for or administers
// (they host it). Anyone without such a role gets a 404.
export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, (t) => ({ title: t("studio.newTitle") })),
  { name: "robots", content: "noindex" },
];

async function coopsOf(args: LoaderFunctionArgs) {
  const scope = requestScope(args.context, args.request);
  const user = await scope.user();
  if (!user) throw redirect("/login?redirectTo=%2Fstudio%2Fnew");
  const coops = await scope.run((tx) => listStudioCoops(tx, user.id, resolveLocale(args.request)));
  invariantResponse(coops.length > 0, "Not found");
  return { scope, coops };
}

export async function loader(args: LoaderFunctionArgs) {
  const { coops } = await coopsOf(args);
  // A sensible first value: the next whole hour from now.
  const start = new Date(Math.ceil((Date.now() + 1) / 3600_000) * 3600_000).toISOString();
  return { coops, defaultStart: isoToSchedule(start) };
}

export async function action(args: ActionFunctionArgs) {
  const { scope, coops } = await coopsOf(args);
  const submission = parseForm(await readForm(args.request), studioCreateSchema);
  if (submission.status !== "success") return data({ result: replyTo(submission) }, { status: 422 });
  const { coopId, ...input } = submission.value;
  if (!coops.some((c) => c.id === coopId)) {
    return data({ result: replyTo(submission, { fieldErrors: { coopId: ["studio.errors.coop"] } }) }, { status: 422 });
  }
  const created = await scope.run((tx) => createLiveSession(tx, coopId, input));
  if (created.ok) throw redirect(`/studio/${created.sessionId}`);
  const field = { bad_time: "scheduledStart", bad_products: "productIds", bad_input: "titleZh" }[created.reason as string] ?? "coopId";
  const message =
    { scheduledStart: "studio.errors.start", productIds: "studio.errors.products", titleZh: "studio.errors.title" }[field] ??
    "studio.errors.coop";
  return data({ result: replyTo(submission, { fieldErrors: { [field]: [message] } }) }, { status: 422 });
}

export default function NewStudioSessionPage() {
  const { coops, defaultStart } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, fields] = useSchemaForm(studioCreateSchema, {
    id: "studio-new",
    lastResult: actionData?.result,
    defaultValue: { coopId: coops[0].id, scheduledStart: defaultStart },
  });
  const posted = typeof fields.coopId.value === "string" ? fields.coopId.value : coops[0].id;
  const [coopId, setCoopId] = useState(posted);
  const coop = coops.find((c) => c.id === coopId) ?? coops[0];
  const { key: _key, ...selectProps } = getSelectProps(fields.coopId);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <Link to="/studio" className="inline-flex min-h-11 items-center text-sm text-leaf-800 underline">
        ← {t("studio.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("studio.newTitle")}</h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-xl bg-white p-4 shadow-sm">
        <div>
          <label htmlFor={fields.coopId.id} className="block text-sm font-medium">
            {t("studio.field.coop")}
          </label>
          <select
            {...selectProps}
            onChange={(event) => setCoopId(event.currentTarget.value)}
            className="mt-1 block min-h-12 w-full rounded border border-soil-700 bg-white px-3"
          >
            {coops.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError field={fields.coopId} />
        </div>
        {/* The chosen cooperative's products (without JavaScript: the one last submitted). */}
        <SessionFields key={coop.id} fields={fields} products={coop.products} />
        <button type="submit" name="intent" value="create" className="min-h-12 w-full rounded-xl bg-leaf-700 px-4 font-bold text-white">
          {t("studio.schedule")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
