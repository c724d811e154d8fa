import { useForm, type DefaultValue } from "@conform-to/react";
import type { FormReply } from "./parse-form";

// A form only the server checks: Conform's field metadata, the server's reply (values and
// errors, rendered without JavaScript too) and the schema's constraints as the server derived
// them (required, maxLength, pattern: the browser's own checks), but no schema in the browser.
// For forms with nothing worth checking as the person types (a search box and its selects):
// the page then ships no zod. Forms that check input as it is typed use useSchemaForm.
export function useServerCheckedForm<Shape extends Record<string, unknown>>(options: {
  id?: string;
  lastResult?: FormReply | null;
  constraint?: Record<string, { required?: boolean; maxLength?: number; minLength?: number; pattern?: string }>;
  defaultValue?: DefaultValue<Shape>;
}) {
  return useForm<Shape>({ ...options, shouldValidate: "onSubmit" });
}
