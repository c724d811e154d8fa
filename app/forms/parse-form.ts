import type { Submission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { echoable } from "./form-object";

// Every form is parsed by its one zod schema through Conform: in the browser (useForm's
// onValidate) and in the action, with the same call. Conform's auto-coercion stays off: the
// schemas read the raw strings themselves (a blank field is "", a ticked checkbox "on"), so
// client and server agree and formObject's control-character rule sees what was typed.
export function parseForm<Schema extends z.ZodType>(formData: FormData | URLSearchParams, schema: Schema) {
  return parseWithZod(formData, { schema, disableAutoCoercion: true });
}

export type FormReply = SubmissionResult<string[]>;
type ReplyOptions = NonNullable<Parameters<Submission<unknown>["reply"]>[0]>;

type Echo = NonNullable<FormReply["initialValue"]>[string];
const echoValue = (value: Echo): Echo =>
  typeof value === "string"
    ? echoable(value)
    : Array.isArray(value)
      ? value.map(echoValue)
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, echoValue(v)]));

/**
 * The submission's reply (values and errors, as Conform returns them), with every echoed
 * value made safe to put back in its field: unstorable characters shown as U+FFFD.
 */
export function replyTo(submission: { reply(options?: ReplyOptions): FormReply }, options?: ReplyOptions): FormReply {
  const result = submission.reply(options);
  if (!result.initialValue) return result;
  return { ...result, initialValue: Object.fromEntries(Object.entries(result.initialValue).map(([k, v]) => [k, echoValue(v)])) };
}
