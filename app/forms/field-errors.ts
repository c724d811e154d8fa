import { isKnownMessage } from "~/i18n/messages-source";
import type { MessageKey, Translate } from "~/i18n/translate";
import type { FormReply } from "./parse-form";

// The one error map. Every schema's messages are message keys; Conform hands them back as
// plain strings (its errors are string[] per field). Here, and only here, a string becomes
// a MessageKey: checked against the loaded catalogue at runtime, so a zod default message or a
// typo shows the generic field error instead of a raw key or nothing.
export const GENERIC_FIELD_ERROR = "form.errors.invalid" satisfies MessageKey;

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && isKnownMessage(value);
}

/** The key to show for a field's errors: the first one, or the generic error when it is not a key. */
export function fieldErrorKey(errors: readonly string[] | null | undefined): MessageKey | undefined {
  if (!errors || errors.length === 0) return undefined;
  const [first] = errors;
  return isMessageKey(first) ? first : GENERIC_FIELD_ERROR;
}

/** A field's errors as the text to show beside it, in the viewer's language. */
export function fieldErrorText(t: Translate, errors: readonly string[] | null | undefined): string | undefined {
  const key = fieldErrorKey(errors);
  return key === undefined ? undefined : t(key);
}

/** The first error of a whole reply (form-level first, then fields), for a form shown as one line. */
export function replyErrorKey(reply: FormReply | null | undefined): MessageKey | undefined {
  const errors = Object.values(reply?.error ?? {}).filter((e): e is string[] => Boolean(e?.length));
  return errors.length ? fieldErrorKey(errors[0]) : undefined;
}
