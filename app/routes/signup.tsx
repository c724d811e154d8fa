import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthFrame, authSubmitClass } from "~/components/auth-frame";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormField } from "~/components/form-field";
import { fieldErrors, PASSWORD_MIN, safeRedirect, signUpSchema, type AuthFieldErrors } from "~/forms/auth";
import { signedOutPage } from "~/http/signed-out-page.server";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { readForm } from "~/http/read-form.server";

// Consumers sign up here; cooperative roles are granted by their cooperative.
export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("auth.signUpTitle") }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  return signedOutPage(context, request);
}

type ActionData = { errors: AuthFieldErrors; failure?: "email_taken" | "unavailable" | "invalid_credentials"; values: { email: string; displayName: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = { email: String(form.get("email") ?? ""), displayName: String(form.get("displayName") ?? "") };
  const parsed = signUpSchema.safeParse({ ...values, password: form.get("password") ?? "" });
  if (!parsed.success) return data<ActionData>({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await context.auth.signUp(request, parsed.data);
  if (!result.ok) {
    const failure = result.error === "email_taken" ? "email_taken" : result.error === "rate_limited" ? "unavailable" : result.error;
    return data<ActionData>({ errors: {}, failure, values }, { status: failure === "email_taken" ? 409 : 503 });
  }
  return redirect(safeRedirect(form.get("redirectTo"), "/account"), { headers: result.headers });
}

export default function SignupPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const errors = result?.errors ?? {};
  return (
    <AuthFrame id="signup-title" title={t("auth.signUpTitle")} alert={result?.failure ? t(`auth.errors.${result.failure}`) : null}
      footer={<>{t("auth.haveAccount")} <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`} className="font-medium text-leaf-800">{t("auth.signIn")}</Link></>}>
      <Form method="post" noValidate className="mt-4 space-y-3">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormField id="displayName" label={t("auth.displayName")} autoComplete="name" required maxLength={40}
          defaultValue={result?.values.displayName} error={errors.displayName ? t(errors.displayName) : undefined} />
        <FormField id="email" label={t("auth.email")} type="email" autoComplete="email" required
          defaultValue={result?.values.email} error={errors.email ? t(errors.email) : undefined} />
        <FormField id="password" label={t("auth.password")} type="password" autoComplete="new-password" required minLength={PASSWORD_MIN}
          hint={t("auth.passwordHint", { count: PASSWORD_MIN })} error={errors.password ? t(errors.password) : undefined} />
        <button type="submit" disabled={navigation.state === "submitting"} className={authSubmitClass}>{t("auth.signUp")}</button>
      </Form>
    </AuthFrame>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
