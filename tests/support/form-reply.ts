import { expect } from "vitest";
// Reading a Conform reply (submission.reply(), returned by actions as { result }) in tests.
type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null };

const replyOf = (body: unknown): Reply | undefined => (body as { result?: Reply } | null)?.result;

/** Each field's first error (a message key), as the page would show it. */
export function fieldErrorsOf(body: unknown): Record<string, string> {
  const errors = replyOf(body)?.error ?? {};
  return Object.fromEntries(Object.entries(errors).flatMap(([field, messages]) => (messages?.length ? [[field, messages[0]]] : [])));
}

/** What the reply puts back into the form's fields. */
export function echoedValuesOf(body: unknown): Record<string, unknown> {
  return replyOf(body)?.initialValue ?? {};
}

/** A refused submission: its status, and exactly these fields' first errors. */
export function expectFieldErrors(answer: { status: number; body: unknown }, status: number, errors: Record<string, string>) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(fieldErrorsOf(answer.body)).toEqual(errors);
}
