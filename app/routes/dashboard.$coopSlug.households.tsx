import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormField } from "~/components/form-field";
import { householdActionSchema, householdCreateSchema, householdStatusSchema, householdUpdateSchema } from "~/forms/households";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { useSchemaForm } from "~/forms/use-schema-form";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { readForm } from "~/http/read-form.server";
import { requestScope } from "~/http/request-scope.server";
import { useI18n } from "~/i18n/use-i18n";
import {
  createHousehold,
  listHouseholds,
  setHouseholdStatus,
  updateHousehold,
  type HouseholdRow,
} from "~/models/dashboard/households.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  return { households: await scope.run((tx) => listHouseholds(tx, coop.id)) };
}

/** target: which form the reply belongs to ("new" or the household's id). */
type ActionData = { target: string; result: FormReply };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const submission = parseForm(await readForm(request), householdActionSchema);
  if (submission.status !== "success") {
    // An unknown intent or a household id that is not one: a forged form, not a typing mistake.
    if (submission.error?.intent || submission.error?.householdId) throw new Response("Unknown intent", { status: 400 });
    const { householdId } = submission.payload;
    const target = submission.payload.intent === "update" && typeof householdId === "string" ? householdId : "new";
    return data<ActionData>({ target, result: replyTo(submission) }, { status: 422 });
  }
  const input = submission.value;
  const target = input.intent === "create" ? "new" : input.householdId;
  const done = await scope.run(async (tx) => {
    switch (input.intent) {
      case "create":
        return Boolean(await createHousehold(tx, coop.id, input));
      case "update":
        return updateHousehold(tx, coop.id, input.householdId, input);
      default:
        return setHouseholdStatus(tx, coop.id, input.householdId, input.intent === "deactivate" ? "inactive" : "active");
    }
  });
  if (!done) throw new Response("Not found", { status: 404 });
  return { target, result: replyTo(submission, { resetForm: input.intent === "create" }) } satisfies ActionData;
}

type HouseholdFieldset = Record<
  "nameZh" | "nameEn" | "headNameZh" | "headNameEn" | "members",
  FieldMetadata<unknown, Record<string, unknown>, string[]>
>;

function HouseholdFields({ fields }: { fields: HouseholdFieldset }) {
  const { t } = useI18n();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <FormField field={fields.nameZh} label={t("dash.household.nameZh")} required maxLength={40} />
      <FormField field={fields.nameEn} label={t("dash.household.nameEn")} required maxLength={60} />
      <FormField field={fields.headNameZh} label={t("dash.household.headZh")} required maxLength={40} />
      <FormField field={fields.headNameEn} label={t("dash.household.headEn")} required maxLength={60} />
      <FormField field={fields.members} label={t("dash.household.members")} type="number" min={1} max={50} required />
    </div>
  );
}

const replyFor = (actionData: ActionData | undefined, target: string) => (actionData?.target === target ? actionData.result : undefined);

function HouseholdItem({ household: h, actionData }: { household: HouseholdRow; actionData?: ActionData }) {
  const { t, pick } = useI18n();
  const lastResult = replyFor(actionData, h.id);
  const [statusForm] = useSchemaForm(householdStatusSchema, { id: `household-status-${h.id}` });
  const [editForm, fields] = useSchemaForm(householdUpdateSchema, { id: `household-${h.id}`, lastResult, defaultValue: h });
  return (
    <li className="p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p>
          <span className="font-semibold">{pick(h.nameZh, h.nameEn)}</span>{" "}
          <span className="text-sm text-soil-800">
            · {pick(h.headNameZh, h.headNameEn)} · {t("product.members", { count: h.members })} ·{" "}
            {t("dash.household.products", { count: h.productCount })}
          </span>
          {h.status === "inactive" ? (
            <span className="ml-2 rounded bg-soil-100 px-2 py-0.5 text-xs">{t("dash.household.inactive")}</span>
          ) : null}{" "}
          <Link to={`${h.id}/statement`} relative="path" className="ml-2 text-sm font-semibold text-leaf-800 underline">
            {t("statement.link")}
            <span className="sr-only"> {pick(h.nameZh, h.nameEn)}</span>
          </Link>
        </p>
        <Form method="post" {...getFormProps(statusForm)}>
          <input type="hidden" name="householdId" value={h.id} />
          <button
            type="submit"
            name="intent"
            value={h.status === "active" ? "deactivate" : "reactivate"}
            className="rounded border border-soil-700 px-3 py-1 text-sm"
          >
            {h.status === "active" ? t("dash.household.deactivate") : t("dash.household.reactivate")}
          </button>
        </Form>
      </div>
      <details className="mt-2" open={editForm.status === "error"}>
        <summary className="cursor-pointer text-sm text-leaf-800">{t("dash.edit")}</summary>
        <Form method="post" {...getFormProps(editForm)} className="mt-2 space-y-3">
          <input type="hidden" name="householdId" value={h.id} />
          <HouseholdFields fields={fields} />
          <button type="submit" name="intent" value="update" className="rounded bg-leaf-700 px-4 py-2 text-sm font-semibold text-white">
            {t("dash.save")}
          </button>
        </Form>
      </details>
    </li>
  );
}

export default function HouseholdsPage() {
  const { households } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const [createForm, fields] = useSchemaForm(householdCreateSchema, {
    id: "household-new",
    lastResult: replyFor(actionData, "new"),
    defaultValue: { members: 1 },
  });
  return (
    <div className="space-y-6">
      <ul className="divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
        {households.map((h) => (
          <HouseholdItem key={h.id} household={h} actionData={actionData} />
        ))}
      </ul>
      <section aria-labelledby="add-household" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="add-household" className="font-semibold">
          {t("dash.household.add")}
        </h2>
        <Form method="post" {...getFormProps(createForm)} className="mt-3 space-y-3">
          <HouseholdFields fields={fields} />
          <button
            type="submit"
            name="intent"
            value="create"
            disabled={navigation.state === "submitting"}
            className="rounded bg-leaf-700 px-4 py-2 text-sm font-semibold text-white"
          >
            {t("dash.household.add")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
