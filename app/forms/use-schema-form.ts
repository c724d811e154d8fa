import { useForm, type DefaultValue } from "@conform-to/react";
import type { z } from "zod";
import { parseForm, type FormReply } from "./parse-form";

// The fields a form schema reads, from its output (formObject's preprocess hides the input
// type). For a union of intents (one form, several submit buttons): every member's fields.
type AllKeys<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K extends PropertyKey> = T extends { [P in K]?: infer V } ? V : never;
export type FormShape<Schema extends z.ZodType> = { [K in AllKeys<z.output<Schema>>]: ValueAt<z.output<Schema>, K> };

/**
 * useForm with the form's one schema: the browser validates with the very schema the
 * action parses with (on blur, then as the person types), and shows the action's reply
 * (lastResult: values and errors) — also rendered on the server, so it works without JavaScript.
 */
export function useSchemaForm<Schema extends z.ZodType>(
  schema: Schema,
  options: { id?: string; lastResult?: FormReply | null; defaultValue?: DefaultValue<FormShape<Schema>> },
) {
  return useForm<FormShape<Schema>, z.output<Schema>>({
    ...options,
    onValidate: ({ formData }) => parseForm(formData, schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}
