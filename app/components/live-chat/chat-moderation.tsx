import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useI18n } from "~/i18n/use-i18n";
import type { LiveChatActionData } from "~/routes/live.$sessionId.chat";
import { useHydrated } from "../use-hydrated";
import type { LiveChatMessage } from "./use-live-chat";
import { chatRefusalText } from "./chat-refusal";

// A moderator's buttons beside one message: hide it, mute or unmute its author. Real forms
// (they work without JavaScript and come back to /live/:id#chat); once hydrated, a fetcher.

const buttonClass =
  "min-h-8 rounded border border-soil-700 px-2 text-xs font-medium text-soil-900 hover:bg-soil-100 focus-visible:outline focus-visible:outline-2 disabled:opacity-60";

export function ChatModeration(props: {
  action: string;
  message: LiveChatMessage;
  authorName: string;
  authorMuted: boolean;
  onMuteChange: (userId: string, muted: boolean) => void;
}) {
  const { message, authorName } = props;
  const { t } = useI18n();
  const hydrated = useHydrated();
  const fetcher = useFetcher<LiveChatActionData>();
  const busy = fetcher.state === "submitting";
  const answer = busy ? undefined : fetcher.data;
  const { onMuteChange } = props;
  useEffect(() => {
    if (answer?.ok && answer.userId && (answer.intent === "mute" || answer.intent === "unmute"))
      onMuteChange(answer.userId, answer.intent === "mute");
  }, [answer, onMuteChange]);

  const hidden = (
    <>
      <input type="hidden" name="messageId" value={message.id} />
      {message.userId ? <input type="hidden" name="userId" value={message.userId} /> : null}
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
    </>
  );
  const muteIntent = props.authorMuted ? "unmute" : "mute";
  return (
    <>
      <div className="flex shrink-0 items-center gap-1">
        {message.hidden ? null : (
          <fetcher.Form method="post" action={props.action}>
            {hidden}
            <button
              type="submit"
              name="intent"
              value="hide"
              disabled={busy}
              aria-label={t("chat.hideMessage", { author: authorName })}
              className={buttonClass}
            >
              {t("chat.hide")}
            </button>
          </fetcher.Form>
        )}
        <fetcher.Form method="post" action={props.action}>
          {hidden}
          <button
            type="submit"
            name="intent"
            value={muteIntent}
            disabled={busy}
            aria-label={t(props.authorMuted ? "chat.unmuteAuthor" : "chat.muteAuthor", { author: authorName })}
            className={buttonClass}
          >
            {t(props.authorMuted ? "chat.unmute" : "chat.mute")}
          </button>
        </fetcher.Form>
      </div>
      {answer && !answer.ok ? (
        <span role="alert" className="basis-full text-xs text-chili-700">
          {chatRefusalText(t, answer)}
        </span>
      ) : null}
    </>
  );
}
