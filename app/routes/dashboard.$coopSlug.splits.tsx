import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SplitRuleFields } from "~/components/dashboard/split-rule-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { SplitParty, SplitRule } from "~/domain/split-rule";
import { formErrors, splitFormSchema, splitIntentSchema, type FormErrors } from "~/forms/dashboard";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { requestScope } from "~/http/request-scope.server";
import { useI18n } from "~/i18n/use-i18n";
import { resolveLocale } from "~/i18n/locale";
import { listCoopProducts } from "~/models/dashboard/products.server";
import { getCoopSplitRules, removeProductOverride, setDefaultRule, setProductOverride } from "~/models/dashboard/split-rules.server";
import { readForm } from "~/http/read-form.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const locale = resolveLocale(request);
  return scope.run(async (tx) => ({
    rules: await getCoopSplitRules(tx, coop.id, locale),
    products: (await listCoopProducts(tx, coop.id, locale)).map((p) => ({ id: p.id, title: p.title })),
  }));
}

type ActionData = { ok: boolean; target: string; errors: FormErrors<SplitParty | "productId"> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const form = Object.fromEntries(await readForm(request));
  const intent = splitIntentSchema.safeParse(form);
  if (!intent.success) {
    return data<ActionData>({ ok: false, target: "new", errors: { productId: "dash.errors.product" } }, { status: 422 });
  }
  const i = intent.data;
  if (i.intent === "remove-override") {
    await scope.run((tx) => removeProductOverride(tx, coop.id, i.productId));
    return { ok: true, target: i.productId, errors: {} } satisfies ActionData;
  }
  const target = i.intent === "set-default" ? "default" : String(form.target ?? i.productId);
  const parsed = splitFormSchema.safeParse(form);
  if (!parsed.success) return data<ActionData>({ ok: false, target, errors: formErrors<SplitParty>(parsed.error) }, { status: 422 });
  const rule: SplitRule = parsed.data;
  const saved = await scope.run(async (tx) =>
    i.intent === "set-default" ? (await setDefaultRule(tx, coop.id, rule), true) : setProductOverride(tx, coop.id, i.productId, rule));
  if (!saved) return data<ActionData>({ ok: false, target, errors: { productId: "dash.errors.product" } }, { status: 422 });
  return { ok: true, target, errors: {} } satisfies ActionData;
}

export default function SplitRulesPage() {
  const { rules, products } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errorsFor = (target: string) => (result && !result.ok && result.target === target ? result.errors : {});
  const fallback: SplitRule = rules.default ?? { household: 7000, collective: 1500, streamer: 1000, platform: 500 };
  const withoutOverride = products.filter((p) => !rules.overrides.some((o) => o.productId === p.id));
  return (
    <div className="space-y-6">
      {result?.ok ? <p role="status" className="rounded bg-leaf-50 p-3 text-leaf-800">{t("dash.saved")}</p> : null}
      <section aria-labelledby="default-rule" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="default-rule" className="font-semibold">{t("dash.split.default")}</h2>
        <p className="mt-1 text-sm text-soil-800">{t("dash.split.defaultIntro")}</p>
        <Form method="post" className="mt-3 space-y-3">
          <SplitRuleFields idPrefix="default" rule={fallback} errors={errorsFor("default")} />
          <button type="submit" name="intent" value="set-default" className="rounded bg-leaf-700 px-4 py-2 font-semibold text-white">{t("dash.save")}</button>
        </Form>
      </section>

      <section aria-labelledby="override-rules" className="space-y-3">
        <h2 id="override-rules" className="text-lg font-semibold">{t("dash.split.overrides")}</h2>
        {rules.overrides.length === 0 ? <p className="text-soil-800">{t("dash.split.noOverrides")}</p> : null}
        {rules.overrides.map((o) => (
          <div key={o.productId} className="rounded-lg bg-white p-4 shadow-sm">
            <h3 className="font-medium">{o.title}</h3>
            <Form method="post" className="mt-2 space-y-3">
              <input type="hidden" name="productId" value={o.productId} />
              <SplitRuleFields idPrefix={`o-${o.productId}`} rule={o.rule} errors={errorsFor(o.productId)} />
              <div className="flex gap-2">
                <button type="submit" name="intent" value="set-override" className="rounded bg-leaf-700 px-4 py-2 font-semibold text-white">{t("dash.save")}</button>
                <button type="submit" name="intent" value="remove-override" className="rounded border border-soil-700 px-4 py-2">{t("dash.split.remove")}</button>
              </div>
            </Form>
          </div>
        ))}
        {withoutOverride.length ? (
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <h3 className="font-medium">{t("dash.split.addOverride")}</h3>
            <Form method="post" className="mt-2 space-y-3">
              <input type="hidden" name="target" value="new" />
              <label htmlFor="new-override-product" className="block text-sm font-medium">{t("dash.split.product")}</label>
              <select id="new-override-product" name="productId" className="block w-full rounded border border-soil-700 bg-white px-3 py-2">
                {withoutOverride.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
              </select>
              {errorsFor("new").productId ? <p className="text-sm text-chili-700">{t(errorsFor("new").productId!)}</p> : null}
              <SplitRuleFields idPrefix="new" rule={fallback} errors={errorsFor("new")} />
              <button type="submit" name="intent" value="set-override" className="rounded bg-leaf-700 px-4 py-2 font-semibold text-white">{t("dash.save")}</button>
            </Form>
          </div>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
