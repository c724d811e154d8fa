import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import Stripe from "stripe";
import { ConnectPayees } from "~/components/dashboard/connect-payees";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { COLLECTIVE, connectFormSchema, payeeHouseholdId } from "~/forms/connect";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { requireCoopAdmin } from "~/http/dashboard-guard.server";
import { invariantResponse } from "~/http/invariant-response";
import { readForm } from "~/http/read-form.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { useI18n } from "~/i18n/use-i18n";
import { listConnectPayees, startOnboarding } from "~/models/stripe-connect.server";

// /dashboard/:coopSlug/payouts/connect: each payee's Stripe Connect status, and onboarding
// (ADR 0025). In Stripe mode an admin makes a payee's Express account (once: a deterministic
// idempotency key, and the database records one per payee) and is sent to Stripe's onboarding
// link; Stripe sends them back here. Whether the caller may is decided in the database. In
// demo mode there are no Stripe payouts: the page says so.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop } = await requireCoopAdmin(scope, request, params.coopSlug);
  if (!context.stripe) return { mode: "demo" as const, payees: [], notice: null };
  const url = new URL(request.url);
  const notice = url.searchParams.has("returned") ? ("returned" as const) : url.searchParams.has("expired") ? ("expired" as const) : null;
  const payees = await scope.run((tx) => listConnectPayees(tx, coop.id, resolveLocale(request)));
  return { mode: "stripe" as const, payees, notice };
}

type ActionData = { result: FormReply };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const scope = requestScope(context, request);
  const { coop, user } = await requireCoopAdmin(scope, request, params.coopSlug);
  invariantResponse(context.stripe, "Not found"); // demo mode: nothing to connect
  const submission = parseForm(await readForm(request), connectFormSchema);
  // The payee comes from a button's value: anything else is a forged form, not a typo.
  if (submission.status !== "success") throw new Response("Invalid connect form", { status: 400 });
  const { payee } = submission.value;
  const page = `${(context.env.PUBLIC_BASE_URL ?? new URL(request.url).origin).replace(/\/+$/, "")}/dashboard/${coop.slug}/payouts/connect`;
  const tag = encodeURIComponent(payee === COLLECTIVE ? COLLECTIVE : payee.toLowerCase());
  try {
    const outcome = await startOnboarding((fn) => scope.run(fn), context.db, context.stripe, {
      adminUserId: user.id,
      cooperativeId: coop.id,
      payee: { householdId: payeeHouseholdId(payee) },
      country: context.env.STRIPE_CONNECT_COUNTRY,
      returnUrl: `${page}?returned=${tag}`,
      refreshUrl: `${page}?expired=${tag}`,
    });
    if (!outcome.ok) {
      // Another cooperative's household (or none) does not exist here.
      return data<ActionData>({ result: replyTo(submission, { formErrors: ["dash.connect.errors.payee"] }) }, { status: 404 });
    }
    return redirect(outcome.url);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    console.warn(`Stripe onboarding for ${coop.slug}/${payee} failed: ${error.message}`);
    return data<ActionData>({ result: replyTo(submission, { formErrors: ["dash.connect.errors.stripe"] }) }, { status: 503 });
  }
}

export default function ConnectPage() {
  const { mode, payees, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">{t("dash.connect.title")}</h2>
      {mode === "demo" ? (
        <p className="text-sm text-soil-800">{t("dash.connect.demo")}</p>
      ) : (
        <>
          <p className="text-sm text-soil-800">{t("dash.connect.intro")}</p>
          <ConnectPayees
            payees={payees}
            reply={actionData?.result}
            notice={notice ? t(notice === "returned" ? "dash.connect.returned" : "dash.connect.expired") : undefined}
          />
        </>
      )}
      <p>
        <Link to=".." relative="path" className="text-sm text-leaf-800 underline">
          {t("dash.connect.back")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
