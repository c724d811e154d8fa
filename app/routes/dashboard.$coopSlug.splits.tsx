import { getFormProps, getSelectProps } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SplitRuleFields } from "~/components/dashboard/split-rule-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldError } from "~/components/form-field";
import type { SplitRule } from "~/domain/split-rule";
import { echoable } from "~/forms/form-object";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { splitActionSchema, splitDefaultSchema, splitOverrideSchema } from "~/forms/split-rules";
import { useSchemaForm } from "~/forms/use-schema-form";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { readForm } from "~/http/read-form.server";
import { requestScope } from "~/http/request-scope.server";
import { useI18n } from "~/i18n/use-i18n";
import { resolveLocale } from "~/i18n/locale";
import { listCoopProducts } from "~/models/dashboard/products.server";
import { getCoopSplitRules, removeProductOverride, setDefaultRule, setProductOverride } from "~/models/dashboard/split-rules.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const locale = resolveLocale(request);
  return scope.run(async (tx) => ({
    rules: await getCoopSplitRules(tx, coop.id, locale),
    products: (await listCoopProducts(tx, coop.id, locale)).map((p) => ({ id: p.id, title: p.title })),
  }));
}

/** target: which form the reply belongs to ("default", "new" or the product's id). */
type ActionData = { target: string; result: FormReply };

/** The form a submission came from (its hidden fields; only ever compared with the page's own ids). */
function targetOf(payload: Record<string, unknown>): string {
  if (payload.intent === "set-default") return "default";
  if (payload.target === "new") return "new";
  return typeof payload.productId === "string" ? echoable(payload.productId) : "new";
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const submission = parseForm(await readForm(request), splitActionSchema);
  const target = targetOf(submission.payload);
  if (submission.status !== "success") return data<ActionData>({ target, result: replyTo(submission) }, { status: 422 });
  const input = submission.value;
  if (input.intent === "remove-override") {
    await scope.run((tx) => removeProductOverride(tx, coop.id, input.productId));
    return { target, result: replyTo(submission) } satisfies ActionData;
  }
  const { intent: _intent, ...rule } = input;
  const saved = await scope.run(async (tx) =>
    input.intent === "set-default"
      ? (await setDefaultRule(tx, coop.id, rule), true)
      : setProductOverride(tx, coop.id, input.productId, rule),
  );
  if (!saved)
    return data<ActionData>(
      { target, result: replyTo(submission, { fieldErrors: { productId: ["dash.errors.product"] } }) },
      { status: 422 },
    );
  return { target, result: replyTo(submission) } satisfies ActionData;
}

const replyFor = (actionData: ActionData | undefined, target: string) => (actionData?.target === target ? actionData.result : undefined);

function DefaultRuleForm({ rule, actionData }: { rule: SplitRule; actionData?: ActionData }) {
  const { t } = useI18n();
  const [form, fields] = useSchemaForm(splitDefaultSchema, { id: "split-default", lastResult: replyFor(actionData, "default") });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
      <SplitRuleFields idPrefix="default" rule={rule} fields={fields} />
      <button type="submit" name="intent" value="set-default" className="rounded bg-leaf-700 px-4 py-2 font-semibold text-white">
        {t("dash.save")}
      </button>
    </Form>
  );
}

function OverrideForm({ productId, rule, actionData }: { productId: string; rule: SplitRule; actionData?: ActionData }) {
  const { t } = useI18n();
  // Two buttons (save, remove): the union of both intents checks what is submitted.
  const [form, fields] = useSchemaForm(splitActionSchema, { id: `split-${productId}`, lastResult: replyFor(actionData, productId) });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
      <input type="hidden" name="productId" value={productId} />
      <SplitRuleFields idPrefix={`o-${productId}`} rule={rule} fields={fields} />
      <div className="flex gap-2">
        <button type="submit" name="intent" value="set-override" className="rounded bg-leaf-700 px-4 py-2 font-semibold text-white">
          {t("dash.save")}
        </button>
        <button type="submit" name="intent" value="remove-override" className="rounded border border-soil-700 px-4 py-2">
          {t("dash.split.remove")}
        </button>
      </div>
    </Form>
  );
}

function NewOverrideForm({
  products,
  rule,
  actionData,
}: {
  products: { id: string; title: string }[];
  rule: SplitRule;
  actionData?: ActionData;
}) {
  const { t } = useI18n();
  const [form, fields] = useSchemaForm(splitOverrideSchema, { id: "split-new", lastResult: replyFor(actionData, "new") });
  const { key, ...select } = getSelectProps(fields.productId);
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
      <input type="hidden" name="target" value="new" />
      <label htmlFor={fields.productId.id} className="block text-sm font-medium">
        {t("dash.split.product")}
      </label>
      <select key={key} {...select} className="block w-full rounded border border-soil-700 bg-white px-3 py-2">
        {products.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
      <FieldError field={fields.productId} />
      <SplitRuleFields idPrefix="new" rule={rule} fields={fields} />
      <button type="submit" name="intent" value="set-override" className="rounded bg-leaf-700 px-4 py-2 font-semibold text-white">
        {t("dash.save")}
      </button>
    </Form>
  );
}

export default function SplitRulesPage() {
  const { rules, products } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const fallback: SplitRule = rules.default ?? { household: 7000, collective: 1500, streamer: 1000, platform: 500 };
  const withoutOverride = products.filter((p) => !rules.overrides.some((o) => o.productId === p.id));
  return (
    <div className="space-y-6">
      {actionData?.result.status === "success" ? (
        <p role="status" className="rounded bg-leaf-50 p-3 text-leaf-800">
          {t("dash.saved")}
        </p>
      ) : null}
      <section aria-labelledby="default-rule" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="default-rule" className="font-semibold">
          {t("dash.split.default")}
        </h2>
        <p className="mt-1 text-sm text-soil-800">{t("dash.split.defaultIntro")}</p>
        <DefaultRuleForm rule={fallback} actionData={actionData} />
      </section>

      <section aria-labelledby="override-rules" className="space-y-3">
        <h2 id="override-rules" className="text-lg font-semibold">
          {t("dash.split.overrides")}
        </h2>
        {rules.overrides.length === 0 ? <p className="text-soil-800">{t("dash.split.noOverrides")}</p> : null}
        {rules.overrides.map((o) => (
          <div key={o.productId} className="rounded-lg bg-white p-4 shadow-sm">
            <h3 className="font-medium">{o.title}</h3>
            <OverrideForm productId={o.productId} rule={o.rule} actionData={actionData} />
          </div>
        ))}
        {withoutOverride.length ? (
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <h3 className="font-medium">{t("dash.split.addOverride")}</h3>
            <NewOverrideForm products={withoutOverride} rule={fallback} actionData={actionData} />
          </div>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
