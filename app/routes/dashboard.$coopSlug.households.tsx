import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormField } from "~/components/form-field";
import { formErrors, householdFormSchema, householdIntentSchema, type FormErrors } from "~/forms/dashboard";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import { useI18n } from "~/i18n/use-i18n";
import {
  createHousehold, listHouseholds, setHouseholdStatus, updateHousehold, type HouseholdRow,
} from "~/models/dashboard/households.server";
import { readForm } from "~/http/read-form.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  return { households: await scope.run((tx) => listHouseholds(tx, coop.id)) };
}

type Field = "nameZh" | "nameEn" | "headNameZh" | "headNameEn" | "members";
type ActionData = { ok: boolean; target: string; errors: FormErrors<Field> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const form = Object.fromEntries(await readForm(request));
  const intent = householdIntentSchema.safeParse(form);
  if (!intent.success) throw new Response("Unknown intent", { status: 400 });
  const i = intent.data;
  if (i.intent === "deactivate" || i.intent === "reactivate") {
    const done = await scope.run((tx) =>
      setHouseholdStatus(tx, coop.id, i.householdId, i.intent === "deactivate" ? "inactive" : "active"));
    if (!done) throw new Response("Not found", { status: 404 });
    return { ok: true, target: i.householdId, errors: {} } satisfies ActionData;
  }
  const target = i.intent === "create" ? "new" : i.householdId;
  const parsed = householdFormSchema.safeParse(form);
  if (!parsed.success) return data<ActionData>({ ok: false, target, errors: formErrors<Field>(parsed.error) }, { status: 422 });
  const saved = await scope.run(async (tx) =>
    i.intent === "create" ? Boolean(await createHousehold(tx, coop.id, parsed.data)) : updateHousehold(tx, coop.id, i.householdId, parsed.data));
  if (!saved) throw new Response("Not found", { status: 404 });
  return { ok: true, target, errors: {} } satisfies ActionData;
}

function HouseholdFields({ prefix, values, errors }: { prefix: string; values?: HouseholdRow; errors: FormErrors<Field> }) {
  const { t } = useI18n();
  const err = (f: Field) => (errors[f] ? t(errors[f]!) : undefined);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <FormField id={`${prefix}-nameZh`} name="nameZh" label={t("dash.household.nameZh")} required maxLength={40} defaultValue={values?.nameZh} error={err("nameZh")} />
      <FormField id={`${prefix}-nameEn`} name="nameEn" label={t("dash.household.nameEn")} required maxLength={60} defaultValue={values?.nameEn} error={err("nameEn")} />
      <FormField id={`${prefix}-headNameZh`} name="headNameZh" label={t("dash.household.headZh")} required maxLength={40} defaultValue={values?.headNameZh} error={err("headNameZh")} />
      <FormField id={`${prefix}-headNameEn`} name="headNameEn" label={t("dash.household.headEn")} required maxLength={60} defaultValue={values?.headNameEn} error={err("headNameEn")} />
      <FormField id={`${prefix}-members`} name="members" label={t("dash.household.members")} type="number" min={1} max={50} required
        defaultValue={values?.members ?? 1} error={err("members")} />
    </div>
  );
}

export default function HouseholdsPage() {
  const { households } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, pick } = useI18n();
  const errorsFor = (target: string) => (result && !result.ok && result.target === target ? result.errors : {});
  return (
    <div className="space-y-6">
      <ul className="divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
        {households.map((h) => (
          <li key={h.id} className="p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p>
                <span className="font-semibold">{pick(h.nameZh, h.nameEn)}</span>{" "}
                <span className="text-sm text-soil-800">· {pick(h.headNameZh, h.headNameEn)} · {t("product.members", { count: h.members })} · {t("dash.household.products", { count: h.productCount })}</span>
                {h.status === "inactive" ? <span className="ml-2 rounded bg-soil-100 px-2 py-0.5 text-xs">{t("dash.household.inactive")}</span> : null}
              </p>
              <Form method="post">
                <input type="hidden" name="householdId" value={h.id} />
                <button type="submit" name="intent" value={h.status === "active" ? "deactivate" : "reactivate"}
                  className="rounded border border-soil-700 px-3 py-1 text-sm">
                  {h.status === "active" ? t("dash.household.deactivate") : t("dash.household.reactivate")}
                </button>
              </Form>
            </div>
            <details className="mt-2" open={Object.keys(errorsFor(h.id)).length > 0}>
              <summary className="cursor-pointer text-sm text-leaf-800">{t("dash.edit")}</summary>
              <Form method="post" className="mt-2 space-y-3">
                <input type="hidden" name="householdId" value={h.id} />
                <HouseholdFields prefix={h.id} values={h} errors={errorsFor(h.id)} />
                <button type="submit" name="intent" value="update" className="rounded bg-leaf-700 px-4 py-2 text-sm font-semibold text-white">{t("dash.save")}</button>
              </Form>
            </details>
          </li>
        ))}
      </ul>
      <section aria-labelledby="add-household" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="add-household" className="font-semibold">{t("dash.household.add")}</h2>
        <Form method="post" className="mt-3 space-y-3">
          <HouseholdFields prefix="new" errors={errorsFor("new")} />
          <button type="submit" name="intent" value="create" className="rounded bg-leaf-700 px-4 py-2 text-sm font-semibold text-white">{t("dash.household.add")}</button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
