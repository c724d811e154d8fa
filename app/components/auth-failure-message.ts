import type { Translate } from "~/i18n/translate";

export type AuthFailure = "invalid_credentials" | "unavailable" | "rate_limited" | "email_taken";

/** The sign-in/sign-up failure in words; a throttled attempt says when to try again (seconds under two minutes, else minutes). */
export function authFailureMessage(t: Translate, failure: AuthFailure, retryAfterSeconds = 0): string {
  if (failure !== "rate_limited") return t(`auth.errors.${failure}`);
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return seconds < 120
    ? t("auth.errors.rate_limited_seconds", { seconds })
    : t("auth.errors.rate_limited", { minutes: Math.ceil(seconds / 60) });
}
