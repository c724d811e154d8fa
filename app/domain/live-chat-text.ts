// What a live chat message may say (issue 9, item 5). Shared by the browser (the form's
// schema), the action and the tests; public.post_chat_message applies the same rule in SQL
// (supabase/migrations/20261202120000_live_chat.sql), so a client that skips this one is
// refused the same way.
//
// The text is trimmed (String.prototype.trim: spaces, NBSP, ideographic spaces, line breaks,
// BOM), then must hold 1–200 code points (an emoji counts once, not as two UTF-16 units) and
// none of: control characters (C0, DEL, C1 — tabs and line breaks included: a chat line is
// one line), the line/paragraph separators, the bidirectional embedding/override/isolate
// controls (they let a message display in an order other than it was typed), lone surrogates
// and the non-characters U+FFFE/U+FFFF. Everything else is text, shown as text.

export const CHAT_MAX_CODE_POINTS = 200;

const REFUSED = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/u;

export type ChatTextProblem = "empty" | "control" | "too_long";
export type ChatTextCheck = { ok: true; text: string } | { ok: false; problem: ChatTextProblem };

/** Length in code points (what the limit counts; what the character counter shows). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The message as it will be stored, or why it cannot be. */
export function checkChatText(raw: string): ChatTextCheck {
  const text = raw.trim();
  if (text === "") return { ok: false, problem: "empty" };
  if (REFUSED.test(text)) return { ok: false, problem: "control" };
  if (codePointLength(text) > CHAT_MAX_CODE_POINTS) return { ok: false, problem: "too_long" };
  return { ok: true, text };
}
