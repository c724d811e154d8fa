import { authFailureMessage } from "~/components/auth-failure-message";
import { retryAfterHeaders } from "~/http/retry-after-headers";
import { data, redirectDocument, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthFrame, authSubmitClass } from "~/components/auth-frame";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormField } from "~/components/form-field";
import { fieldErrors, signInSchema, type AuthFieldErrors } from "~/forms/auth";
import { afterSignInPath } from "~/http/landing.server";
import { signedOutPage } from "~/http/signed-out-page.server";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { echoable } from "~/forms/form-object";
import { readForm } from "~/http/read-form.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("auth.signInTitle") }));

export const headers = retryAfterHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  return signedOutPage(context, request);
}

type ActionData = { errors: AuthFieldErrors; failure?: "invalid_credentials" | "unavailable" | "rate_limited"; retryAfterSeconds?: number; email: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) return data<ActionData>({ errors: fieldErrors(parsed.error), email: echoable(email) }, { status: 400 });
  const result = await context.auth.signIn(request, parsed.data);
  if (!result.ok) {
    if (result.error === "rate_limited") {
      return data<ActionData>(
        { errors: {}, failure: "rate_limited", retryAfterSeconds: result.retryAfterSeconds, email },
        // Always a whole number of seconds (at least 1), as HTTP wants it.
        { status: 429, headers: { "Retry-After": String(Math.max(1, Math.ceil(result.retryAfterSeconds))) } },
      );
    }
    const failure = result.error === "unavailable" ? "unavailable" : "invalid_credentials";
    return data<ActionData>({ errors: {}, failure, email }, { status: failure === "unavailable" ? 503 : 401 });
  }
  const headers = new Headers(result.headers);
  // The login device cookie (see login-throttle.server): this browser is now known for this account.
  if (result.deviceCookie) headers.append("Set-Cookie", result.deviceCookie);
  // A document load, not a client-side transition: the new identity's page and header arrive together (issue 7, 14).
  return redirectDocument(await afterSignInPath(context, request, result.user, form.get("redirectTo")), { headers });
}

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const errors = result?.errors ?? {};
  return (
    <AuthFrame id="login-title" title={t("auth.signInTitle")}
      alert={result?.failure ? authFailureMessage(t, result.failure, result.retryAfterSeconds) : null}
      footer={<>{t("auth.noAccount")} <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`} className="font-medium text-leaf-800">{t("auth.signUp")}</Link></>}>
      <Form method="post" noValidate className="mt-4 space-y-3">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormField id="email" label={t("auth.email")} type="email" autoComplete="email" required
          defaultValue={result?.email} error={errors.email ? t(errors.email) : undefined} />
        <FormField id="password" label={t("auth.password")} type="password" autoComplete="current-password" required
          error={errors.password ? t(errors.password) : undefined} />
        <button type="submit" disabled={navigation.state === "submitting"} className={authSubmitClass}>{t("auth.signIn")}</button>
      </Form>
    </AuthFrame>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
