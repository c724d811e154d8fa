import { getFormProps, getInputProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { CHAT_MAX_CODE_POINTS, codePointLength } from "~/domain/live-chat-text";
import { fieldErrorText } from "~/forms/field-errors";
import { chatPostSchema } from "~/forms/live-chat";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { LiveChatActionData } from "~/routes/live.$sessionId.chat";
import { useHydrated } from "../use-hydrated";
import { ChatModeration } from "./chat-moderation";
import { chatRefusalText } from "./chat-refusal";
import type { LiveChatMessage } from "./use-live-chat";

export { useLiveChat, type LiveChatMessage } from "./use-live-chat";

// The live page's chat (issue 9, item 5): the messages as a polite live log, the form to
// post one (signed-in viewers), and each message's moderator buttons. Messages are React
// text — never HTML — so `<script>` shows as those characters. Phone first: a short log and a
// one-line form that fit under a docked player on a 390 px screen. It posts to
// /live/:id/chat (a real form without JavaScript; a fetcher once hydrated).

export type LiveChatProps = {
  sessionId: string;
  /** From useLiveChat: the loader's messages, then the stream's. */
  messages: LiveChatMessage[];
  /** Signed in: may post (the database still refuses a muted user or a session that is not live). */
  canPost: boolean;
  canModerate: boolean;
  signInHref: string;
  /** Moderators: users muted in this session (from the loader). */
  mutedUserIds?: string[];
  /** The viewer themself is muted here. */
  muted?: boolean;
  /** Chat runs while the session is live: before, it opens later; after, it is kept read-only. */
  closed?: "before" | "after";
};

const SCROLL_SLACK_PX = 48;

export function LiveChat(props: LiveChatProps) {
  const { t } = useI18n();
  const action = `/live/${props.sessionId}/chat`;
  const [muted, setMuted] = useState(() => new Set(props.mutedUserIds ?? []));
  const onMuteChange = useCallback((userId: string, now: boolean) => {
    setMuted((current) => {
      if (current.has(userId) === now) return current;
      const next = new Set(current);
      if (now) next.add(userId);
      else next.delete(userId);
      return next;
    });
  }, []);

  // Follow new messages while the reader is at the bottom; leave them be when they scrolled up.
  const log = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const el = log.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [props.messages]);

  return (
    <section id="chat" aria-labelledby="chat-title" className="flex flex-col rounded-lg bg-white shadow-sm">
      <h2 id="chat-title" className="px-3 pt-2 text-base font-semibold">
        {t("chat.title")}
      </h2>
      <div
        ref={log}
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label={t("chat.log")}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < SCROLL_SLACK_PX;
        }}
        className="h-52 overflow-y-auto overscroll-contain px-3 py-2 text-sm sm:h-72"
      >
        {props.messages.length === 0 ? (
          <p className="text-soil-800">{t(props.closed ? "chat.emptyClosed" : "chat.empty")}</p>
        ) : (
          <ul className="space-y-1.5">
            {props.messages.map((m) => {
              const author = m.author || t("chat.someone");
              const authorMuted = m.userId !== null && muted.has(m.userId);
              return (
                <li key={m.id} className={`flex flex-wrap items-start gap-x-2 gap-y-1 ${m.hidden ? "rounded bg-soil-100 px-1" : ""}`}>
                  <p className="min-w-0 flex-1 break-words">
                    <span className="font-semibold text-leaf-800">{author}</span>
                    <span aria-hidden="true">: </span>
                    <span className={m.hidden ? "line-through" : undefined}>{m.text}</span>
                    {m.hidden ? <span className="ml-2 rounded bg-white px-1 text-xs">{t("chat.hiddenTag")}</span> : null}
                    {authorMuted ? (
                      <span className="ml-2 rounded bg-chili-700/10 px-1 text-xs text-chili-700">{t("chat.mutedTag")}</span>
                    ) : null}
                  </p>
                  {props.canModerate ? (
                    <ChatModeration action={action} message={m} authorName={author} authorMuted={authorMuted} onMuteChange={onMuteChange} />
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div className="border-t border-soil-100 p-2">
        {props.closed ? (
          <p className="py-2 text-center text-sm text-soil-800">{t(props.closed === "before" ? "chat.opensLive" : "chat.closedAfter")}</p>
        ) : !props.canPost ? (
          <a href={props.signInHref} className="block rounded py-2 text-center font-medium text-leaf-800 underline">
            {t("chat.signIn")}
          </a>
        ) : props.muted ? (
          <p className="py-2 text-center text-sm text-soil-800">{t("chat.youAreMuted")}</p>
        ) : (
          <ChatPostForm action={action} sessionId={props.sessionId} />
        )}
      </div>
    </section>
  );
}

function ChatPostForm({ action, sessionId }: { action: string; sessionId: string }) {
  const { t } = useI18n();
  const hydrated = useHydrated();
  const fetcher = useFetcher<LiveChatActionData>();
  // The answer counts as soon as it is here: the page's revalidation after it need not finish first.
  const busy = fetcher.state === "submitting";
  const answer = busy ? undefined : fetcher.data;
  const [form, fields] = useSchemaForm(chatPostSchema, {
    id: `chat-${sessionId}`,
    lastResult: answer && !answer.ok ? answer.result : undefined,
  });
  // Sent: empty the field for the next message (the message itself arrives through the stream).
  useEffect(() => {
    if (answer?.ok && answer.intent === "post") {
      form.reset();
    }
    // form is stable per id; only a new answer matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);

  const counterId = `${form.id}-counter`;
  const alertId = `${form.id}-alert`;
  const fieldError = fieldErrorText(t, fields.text.errors);
  // A refusal that is not about the text (rate limit, muted, not live) is said once, here.
  const refusal = answer && !answer.ok && !fieldError ? chatRefusalText(t, answer) : null;
  const { key, ...textProps } = getInputProps(fields.text, { type: "text", ariaDescribedBy: counterId });
  // Conform follows the field's value as it is typed (and back to empty on reset).
  const length = codePointLength((typeof fields.text.value === "string" ? fields.text.value : "").trim());
  const over = length > CHAT_MAX_CODE_POINTS;
  return (
    <fetcher.Form method="post" action={action} {...getFormProps(form)} className="space-y-1">
      <input type="hidden" name="intent" value="post" />
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
      <label htmlFor={fields.text.id} className="sr-only">
        {t("chat.label")}
      </label>
      <div className="flex gap-2">
        <input
          key={key}
          {...textProps}
          required
          autoComplete="off"
          enterKeyHint="send"
          placeholder={t("chat.placeholder")}
          className="min-w-0 flex-1 rounded border border-soil-700 bg-white px-3 py-2 text-base"
        />
        <button
          type="submit"
          disabled={busy}
          className="shrink-0 rounded bg-leaf-700 px-4 py-2 font-semibold text-white hover:bg-leaf-800 disabled:opacity-70"
        >
          {busy ? t("chat.sending") : t("chat.send")}
        </button>
      </div>
      <div className="flex items-start justify-between gap-2 text-xs">
        <p id={alertId} role="alert" className="text-chili-700">
          {fieldError ? <span id={fields.text.errorId}>{fieldError}</span> : refusal}
        </p>
        <p id={counterId} className={`shrink-0 tabular-nums ${over ? "font-semibold text-chili-700" : "text-soil-800"}`}>
          {t("chat.counter", { count: length, max: CHAT_MAX_CODE_POINTS })}
        </p>
      </div>
    </fetcher.Form>
  );
}
