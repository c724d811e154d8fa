import { getFormProps } from "@conform-to/react";
import { data, redirectDocument, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { authFailureMessage } from "~/components/auth-failure-message";
import { AuthFrame, authSubmitClass } from "~/components/auth-frame";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormField } from "~/components/form-field";
import { PASSWORD_MIN, signUpSchema } from "~/forms/auth";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { useSchemaForm } from "~/forms/use-schema-form";
import { afterSignInPath } from "~/http/landing.server";
import { readForm } from "~/http/read-form.server";
import { retryAfterHeaders } from "~/http/retry-after-headers";
import { signedOutPage } from "~/http/signed-out-page.server";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";

// Consumers sign up here; cooperative roles are granted by their cooperative.
export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("auth.signUpTitle") }));

export const headers = retryAfterHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  return signedOutPage(context, request);
}

type ActionData = {
  result: FormReply;
  failure?: "email_taken" | "unavailable" | "invalid_credentials" | "rate_limited";
  retryAfterSeconds?: number;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const submission = parseForm(form, signUpSchema);
  // The password is never sent back into the page.
  const result = replyTo(submission, { hideFields: ["password"] });
  if (submission.status !== "success") return data<ActionData>({ result }, { status: 400 });
  const signedUp = await context.auth.signUp(request, submission.value);
  if (!signedUp.ok) {
    if (signedUp.error === "rate_limited") {
      const seconds = Math.max(1, Math.ceil(signedUp.retryAfterSeconds));
      return data<ActionData>(
        { result, failure: "rate_limited", retryAfterSeconds: seconds },
        { status: 429, headers: { "Retry-After": String(seconds) } },
      );
    }
    return data<ActionData>({ result, failure: signedUp.error }, { status: signedUp.error === "email_taken" ? 409 : 503 });
  }
  const headers = new Headers(signedUp.headers);
  if (signedUp.deviceCookie) headers.append("Set-Cookie", signedUp.deviceCookie);
  // A document load, not a client-side transition: the new identity's page and header arrive together (issue 7, 14).
  return redirectDocument(await afterSignInPath(context, request, signedUp.user, form.get("redirectTo")), { headers });
}

export default function SignupPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const [form, fields] = useSchemaForm(signUpSchema, { id: "signup", lastResult: actionData?.result });
  return (
    <AuthFrame
      id="signup-title"
      title={t("auth.signUpTitle")}
      alert={actionData?.failure ? authFailureMessage(t, actionData.failure, actionData.retryAfterSeconds) : null}
      footer={
        <>
          {t("auth.haveAccount")}{" "}
          <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`} className="font-medium text-leaf-800">
            {t("auth.signIn")}
          </Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormField field={fields.displayName} label={t("auth.displayName")} autoComplete="name" required maxLength={40} />
        <FormField field={fields.email} label={t("auth.email")} type="email" autoComplete="email" required />
        <FormField
          field={fields.password}
          label={t("auth.password")}
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          hint={t("auth.passwordPolicyHint", { count: PASSWORD_MIN })}
        />
        <button type="submit" disabled={navigation.state === "submitting"} className={authSubmitClass}>
          {t("auth.signUp")}
        </button>
      </Form>
    </AuthFrame>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
