import { getFormProps } from "@conform-to/react";
import { data, redirectDocument, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { authFailureMessage } from "~/components/auth-failure-message";
import { AuthFrame, authSubmitClass } from "~/components/auth-frame";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormField } from "~/components/form-field";
import { signInSchema } from "~/forms/auth";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { useSchemaForm } from "~/forms/use-schema-form";
import { afterSignInPath } from "~/http/landing.server";
import { readForm } from "~/http/read-form.server";
import { retryAfterHeaders } from "~/http/retry-after-headers";
import { signedOutPage } from "~/http/signed-out-page.server";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("auth.signInTitle") }));

export const headers = retryAfterHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  return signedOutPage(context, request);
}

type ActionData = { result: FormReply; failure?: "invalid_credentials" | "unavailable" | "rate_limited"; retryAfterSeconds?: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const submission = parseForm(form, signInSchema);
  // The password is never sent back into the page.
  const result = replyTo(submission, { hideFields: ["password"] });
  if (submission.status !== "success") return data<ActionData>({ result }, { status: 400 });
  const signedIn = await context.auth.signIn(request, submission.value);
  if (!signedIn.ok) {
    if (signedIn.error === "rate_limited") {
      return data<ActionData>(
        { result, failure: "rate_limited", retryAfterSeconds: signedIn.retryAfterSeconds },
        // Always a whole number of seconds (at least 1), as HTTP wants it.
        { status: 429, headers: { "Retry-After": String(Math.max(1, Math.ceil(signedIn.retryAfterSeconds))) } },
      );
    }
    const failure = signedIn.error === "unavailable" ? "unavailable" : "invalid_credentials";
    return data<ActionData>({ result, failure }, { status: failure === "unavailable" ? 503 : 401 });
  }
  const headers = new Headers(signedIn.headers);
  // The login device cookie (see login-throttle.server): this browser is now known for this account.
  if (signedIn.deviceCookie) headers.append("Set-Cookie", signedIn.deviceCookie);
  // A document load, not a client-side transition: the new identity's page and header arrive together (issue 7, 14).
  return redirectDocument(await afterSignInPath(context, request, signedIn.user, form.get("redirectTo")), { headers });
}

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const [form, fields] = useSchemaForm(signInSchema, { id: "login", lastResult: actionData?.result });
  return (
    <AuthFrame
      id="login-title"
      title={t("auth.signInTitle")}
      alert={actionData?.failure ? authFailureMessage(t, actionData.failure, actionData.retryAfterSeconds) : null}
      footer={
        <>
          {t("auth.noAccount")}{" "}
          <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`} className="font-medium text-leaf-800">
            {t("auth.signUp")}
          </Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormField field={fields.email} label={t("auth.email")} type="email" autoComplete="email" required />
        <FormField field={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" required />
        <button type="submit" disabled={navigation.state === "submitting"} className={authSubmitClass}>
          {t("auth.signIn")}
        </button>
      </Form>
    </AuthFrame>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
