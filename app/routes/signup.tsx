import { authFailureMessage } from "~/components/auth-failure-message";
import { retryAfterHeaders } from "~/http/retry-after-headers";
import { data, redirectDocument, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthFrame, authSubmitClass } from "~/components/auth-frame";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormField } from "~/components/form-field";
import { fieldErrors, PASSWORD_MIN, signUpSchema, type AuthFieldErrors } from "~/forms/auth";
import { afterSignInPath } from "~/http/landing.server";
import { signedOutPage } from "~/http/signed-out-page.server";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { echoable } from "~/forms/form-object";
import { readForm } from "~/http/read-form.server";

// Consumers sign up here; cooperative roles are granted by their cooperative.
export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("auth.signUpTitle") }));

export const headers = retryAfterHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  return signedOutPage(context, request);
}

type ActionData = {
  errors: AuthFieldErrors;
  failure?: "email_taken" | "unavailable" | "invalid_credentials" | "rate_limited";
  retryAfterSeconds?: number;
  values: { email: string; displayName: string };
};

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = { email: String(form.get("email") ?? ""), displayName: String(form.get("displayName") ?? "") };
  const parsed = signUpSchema.safeParse({ ...values, password: form.get("password") ?? "" });
  if (!parsed.success) {
    return data<ActionData>({ errors: fieldErrors(parsed.error), values: { email: echoable(values.email), displayName: echoable(values.displayName) } }, { status: 400 });
  }
  const result = await context.auth.signUp(request, parsed.data);
  if (!result.ok) {
    if (result.error === "rate_limited") {
      const seconds = Math.max(1, Math.ceil(result.retryAfterSeconds));
      return data<ActionData>({ errors: {}, failure: "rate_limited", retryAfterSeconds: seconds, values }, { status: 429, headers: { "Retry-After": String(seconds) } });
    }
    return data<ActionData>({ errors: {}, failure: result.error, values }, { status: result.error === "email_taken" ? 409 : 503 });
  }
  const headers = new Headers(result.headers);
  if (result.deviceCookie) headers.append("Set-Cookie", result.deviceCookie);
  // A document load, not a client-side transition: the new identity's page and header arrive together (issue 7, 14).
  return redirectDocument(await afterSignInPath(context, request, result.user, form.get("redirectTo")), { headers });
}

export default function SignupPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const errors = result?.errors ?? {};
  return (
    <AuthFrame id="signup-title" title={t("auth.signUpTitle")} alert={result?.failure ? authFailureMessage(t, result.failure, result.retryAfterSeconds) : null}
      footer={<>{t("auth.haveAccount")} <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`} className="font-medium text-leaf-800">{t("auth.signIn")}</Link></>}>
      <Form method="post" noValidate className="mt-4 space-y-3">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormField id="displayName" label={t("auth.displayName")} autoComplete="name" required maxLength={40}
          defaultValue={result?.values.displayName} error={errors.displayName ? t(errors.displayName) : undefined} />
        <FormField id="email" label={t("auth.email")} type="email" autoComplete="email" required
          defaultValue={result?.values.email} error={errors.email ? t(errors.email) : undefined} />
        <FormField id="password" label={t("auth.password")} type="password" autoComplete="new-password" required minLength={PASSWORD_MIN}
          hint={t("auth.passwordPolicyHint", { count: PASSWORD_MIN })} error={errors.password ? t(errors.password) : undefined} />
        <button type="submit" disabled={navigation.state === "submitting"} className={authSubmitClass}>{t("auth.signUp")}</button>
      </Form>
    </AuthFrame>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
