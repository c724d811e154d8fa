import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RecordPayoutForm, type RecordPayoutReply } from "~/components/dashboard/record-payout-form";
import { PayeeBalances } from "~/components/dashboard/payee-balances";
import { PayoutHistory } from "~/components/payout-history";
import { StripeAttentionPanel } from "~/components/dashboard/stripe-attention";
import { parseForm, replyTo } from "~/forms/parse-form";
import { payoutErrors, payoutFormSchema } from "~/forms/payout";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { readForm } from "~/http/read-form.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { useI18n } from "~/i18n/use-i18n";
import { listCoopPayouts, listPayeeBalances, recordPayout } from "~/models/payout.server";
import { listStripeAttention } from "~/models/stripe-attention.server";

// /dashboard/:coopSlug/payouts: every payee's balance from the ledger (earned, refunded,
// paid out, owed), the payouts made, and a form to record a cash or bank payout. The
// database (public.record_payout) checks who may, what is owed and posts the ledger.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const locale = resolveLocale(request);
  const stripeMode = Boolean(context.stripe);
  const { balances, payouts, attention } = await scope.run(async (tx) => ({
    balances: await listPayeeBalances(tx, coop.id, locale),
    payouts: await listCoopPayouts(tx, coop.id, locale),
    // Disputes, receivables and refunds made outside the app exist only in Stripe mode.
    attention: stripeMode ? await listStripeAttention(tx, coop.id, locale) : null,
  }));
  // One key per rendered form: a double submit of the same form records one payout.
  return { balances, payouts, attention, idempotencyKey: randomUUID() };
}

type ActionData = RecordPayoutReply;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  const submission = parseForm(await readForm(request), payoutFormSchema);
  if (submission.status !== "success") {
    // An unknown intent or a token that is not one: a forged form, not a typing mistake.
    if (submission.error?.intent || submission.error?.idempotencyKey) throw new Response("Invalid payout form", { status: 400 });
    return data<ActionData>({ result: replyTo(submission) }, { status: 422 });
  }
  const input = submission.value;
  const outcome = await scope.run((tx) =>
    recordPayout(tx, {
      idempotencyKey: input.idempotencyKey,
      cooperativeId: coop.id,
      accountId: input.payeeAccountId,
      amountFen: input.amount,
      method: input.method,
      note: input.note,
      paidOn: input.paidOn,
    }),
  );
  if (!outcome.ok) {
    // Another cooperative's payee (or none) does not exist here: 404, said on the field.
    const status = outcome.reason === "unknown_payee" ? 404 : 422;
    const fieldErrors = payoutErrors(outcome.reason);
    const { "": formErrors, ...rest } = fieldErrors;
    return data<ActionData>({ result: replyTo(submission, { fieldErrors: rest, formErrors }) }, { status });
  }
  return data<ActionData>({
    result: replyTo(submission, { resetForm: true }),
    recorded: { amountFen: outcome.amountFen, owedFen: outcome.owedFen },
  });
}

export default function PayoutsPage() {
  const { balances, payouts, attention, idempotencyKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <p className="text-sm text-soil-800">{t("dash.payouts.intro")}</p>
      <p>
        <Link to="connect" relative="path" className="text-sm font-semibold text-leaf-800 underline">
          {t("dash.connect.link")}
        </Link>
      </p>
      {attention ? <StripeAttentionPanel attention={attention} /> : null}
      <section aria-labelledby="payout-balances" className="space-y-2">
        <h2 id="payout-balances" className="text-lg font-semibold">
          {t("dash.payouts.balances")}
        </h2>
        <PayeeBalances balances={balances} />
      </section>
      <section aria-labelledby="record-payout-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="record-payout-title" className="font-semibold">
          {t("dash.payouts.record")}
        </h2>
        <p className="mt-1 text-sm text-soil-800">{t("dash.payouts.recordHint")}</p>
        <RecordPayoutForm payees={balances} idempotencyKey={idempotencyKey} reply={actionData} />
      </section>
      <section aria-labelledby="payout-history" className="space-y-2">
        <h2 id="payout-history" className="text-lg font-semibold">
          {t("dash.payouts.history")}
        </h2>
        <PayoutHistory payouts={payouts} empty={t("dash.payouts.noPayouts")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
