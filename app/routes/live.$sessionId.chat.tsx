import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { chatRefusalText } from "~/components/live-chat/chat-refusal";
import { isUuid } from "~/domain/uuid";
import { UNSTORABLE_MESSAGE } from "~/forms/form-object";
import { liveChatActionSchema } from "~/forms/live-chat";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { invariantResponse } from "~/http/invariant-response";
import { readForm } from "~/http/read-form.server";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { messagesFor } from "~/i18n/messages.server";
import { createTranslate } from "~/i18n/translate";
import {
  hideChatMessage,
  muteChatUser,
  postChatMessage,
  unmuteChatUser,
  type ChatRefusal,
  type ChatResult,
  type ChatTarget,
} from "~/models/live-chat.server";

// POST /live/:sessionId/chat — the live chat's one action (issue 9, item 5), switched on
// `intent`: post | hide | mute | unmute. The rights, the text rule and the rate limit are the
// database functions' (app/models/live-chat.server.ts). An action-only route: with JavaScript
// the chat posts through a fetcher (`enhanced=1`) and gets JSON; without it the browser
// posts the form and is sent back to /live/:id#chat, or shown the refusal on a small page.
// No ErrorBoundary on purpose: with one (or a default export) Remix would render a document
// POST as a child of the live page, which has no <Outlet>, and the refusal would be lost.
// Without, it is a resource route: its Response goes out as it is.

export type LiveChatActionData =
  | { ok: true; intent: LiveChatIntent; messageId?: string; userId?: string }
  | { ok: false; intent: LiveChatIntent | null; reason: ChatRefusal | "invalid"; retryAfterSeconds?: number; result?: FormReply };

type LiveChatIntent = "post" | "hide" | "mute" | "unmute";

const STATUS: Record<ChatRefusal | "invalid", number> = {
  invalid: 400,
  empty: 422,
  control: 422,
  too_long: 422,
  sign_in: 401,
  muted: 403,
  unknown_session: 404,
  unknown_message: 404,
  unknown_user: 404,
  not_live: 409,
  moderator: 409,
  rate_limited: 429,
};

const TEXT_PROBLEMS = new Set<string>(["empty", "control", "too_long"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const sessionId = params.sessionId;
  invariantResponse(isUuid(sessionId), "Session not found");
  const form = await readForm(request);
  const enhanced = form.get("enhanced") === "1";
  const back = `/live/${sessionId}#chat`;
  const scope = requestScope(context, request);

  const refuse = async (refusal: Extract<LiveChatActionData, { ok: false }>) => {
    const headers = await scope.responseHeaders();
    if (refusal.retryAfterSeconds !== undefined) headers.set("Retry-After", String(Math.max(1, Math.ceil(refusal.retryAfterSeconds))));
    const status = STATUS[refusal.reason];
    if (enhanced) return data<LiveChatActionData>(refusal, { status, headers });
    headers.set("Content-Type", "text/html; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    return new Response(refusalPage(request, refusal, back), { status, headers });
  };

  const submission = parseForm(form, liveChatActionSchema);
  if (submission.status !== "success") {
    const result = replyTo(submission);
    const intent = typeof submission.payload.intent === "string" ? submission.payload.intent : null;
    const known = intent === "post" || intent === "hide" || intent === "mute" || intent === "unmute" ? intent : null;
    const problem = Object.values(result.error ?? {}).flat()[0];
    // The shared refusal of unstorable text (NUL and friends) is, for a chat line, a control character.
    const key = problem === UNSTORABLE_MESSAGE ? "chat.errors.control" : problem;
    const reason = key?.startsWith("chat.errors.") ? (key.slice("chat.errors.".length) as ChatRefusal) : "invalid";
    return refuse({ ok: false, intent: known, reason: reason in STATUS ? reason : "invalid", result });
  }
  const input = submission.value;
  if (!(await scope.user())) return refuse({ ok: false, intent: input.intent, reason: "sign_in" });

  let target: ChatTarget | null = null;
  if (input.intent === "mute" || input.intent === "unmute") {
    target = input.userId ? { userId: input.userId } : input.messageId ? { messageId: input.messageId } : null;
    if (!target) return refuse({ ok: false, intent: input.intent, reason: "unknown_user" });
  }
  const outcome: ChatResult = await scope.run((tx) => {
    switch (input.intent) {
      case "post":
        return postChatMessage(tx, sessionId, input.text);
      case "hide":
        return hideChatMessage(tx, input.messageId);
      case "mute":
        return muteChatUser(tx, sessionId, target!);
      case "unmute":
        return unmuteChatUser(tx, sessionId, target!);
    }
  });
  if (!outcome.ok) {
    const result =
      input.intent === "post" && TEXT_PROBLEMS.has(outcome.reason)
        ? replyTo(submission, { fieldErrors: { text: [`chat.errors.${outcome.reason}`] } })
        : undefined;
    return refuse({ ok: false, intent: input.intent, reason: outcome.reason, retryAfterSeconds: outcome.retryAfterSeconds, result });
  }
  // Committed: tell every instance (a no-op under NOTIFY). A failed signal costs latency, not
  // the event: instances sweep the table too.
  if (outcome.eventId !== null) {
    await context.realtime.announce(sessionId, outcome.eventId).catch((e: unknown) => console.warn("chat: announce failed", e));
  }
  const headers = await scope.responseHeaders();
  if (!enhanced) return redirect(back, { status: 303, headers });
  return data<LiveChatActionData>({ ok: true, intent: input.intent, messageId: outcome.messageId, userId: outcome.userId }, { headers });
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Without JavaScript: the refusal in the viewer's language, and the way back. */
function refusalPage(request: Request, refusal: Extract<LiveChatActionData, { ok: false }>, back: string): string {
  const locale = resolveLocale(request);
  const t = createTranslate(locale, messagesFor(locale));
  const message = chatRefusalText(t, refusal);
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t("chat.title"))}</title></head><body><main><p role="alert">${escapeHtml(message)}</p><p><a href="${escapeHtml(back)}">${escapeHtml(t("chat.back"))}</a></p></main></body></html>`;
}
