import type { MessageKey, Translate } from "~/i18n/translate";
import type { LiveChatActionData } from "~/routes/live.$sessionId.chat";

/** A refused chat action in the viewer's language (the same keys the no-JavaScript page uses). */
export function chatRefusalText(t: Translate, refusal: Extract<LiveChatActionData, { ok: false }>): string {
  return t(`chat.errors.${refusal.reason}` as MessageKey, { seconds: Math.max(1, Math.ceil(refusal.retryAfterSeconds ?? 1)) });
}
