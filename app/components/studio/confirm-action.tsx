import { Form } from "@remix-run/react";
import type { FormHTMLAttributes, ReactNode } from "react";

const BIG = "flex min-h-14 w-full items-center justify-center rounded-xl px-4 text-lg font-bold";
export const TONE = {
  go: "bg-leaf-700 text-white",
  stop: "bg-chili-700 text-white",
  quiet: "border-2 border-soil-700 bg-white text-soil-900",
} as const;

/**
 * A button that asks once before it acts, without JavaScript: the summary opens the question
 * (tapping it again closes it), the form's button does it. Big enough for a thumb at the
 * bottom of a phone.
 */
export function ConfirmAction({
  label,
  question,
  yes,
  intent,
  tone,
  formProps,
  open,
  children,
}: {
  label: string;
  question: string;
  yes: string;
  intent: string;
  tone: keyof typeof TONE;
  /** Conform's form props when the question has fields (id, noValidate, onSubmit). */
  formProps?: Pick<FormHTMLAttributes<HTMLFormElement>, "id" | "noValidate" | "onSubmit" | "aria-describedby" | "aria-invalid">;
  /** Open from the start (the question's fields came back with errors). */
  open?: boolean;
  children?: ReactNode;
}) {
  return (
    <details className="group w-full" open={open}>
      <summary
        className={`${BIG} ${TONE[tone]} cursor-pointer list-none group-open:opacity-80 [&::-webkit-details-marker]:hidden`}
        aria-label={label}
      >
        {label}
      </summary>
      <Form method="post" {...formProps} className="mt-2 space-y-3 rounded-xl bg-white p-3 shadow-lg ring-1 ring-soil-100">
        <p className="text-base font-medium">{question}</p>
        {children}
        <button type="submit" name="intent" value={intent} className={`${BIG} ${TONE[tone]}`}>
          {yes}
        </button>
      </Form>
    </details>
  );
}

/** A plain big action button in its own form. */
export function ActionButton({
  intent,
  label,
  tone,
  extra,
}: {
  intent: string;
  label: string;
  tone: keyof typeof TONE;
  extra?: ReactNode;
}) {
  return (
    <Form method="post" className="w-full">
      {extra}
      <button type="submit" name="intent" value={intent} className={`${BIG} ${TONE[tone]}`}>
        {label}
      </button>
    </Form>
  );
}
