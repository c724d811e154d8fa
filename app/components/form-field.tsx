import type { InputHTMLAttributes } from "react";

/** A labelled input with its hint and error wired up for screen readers. */
export function FormField({ id, label, hint, error, ...input }: InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}) {
  const describedBy = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy}
        className="mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2" {...input} />
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-soil-800">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="mt-1 text-sm text-chili-700">{error}</p> : null}
    </div>
  );
}
