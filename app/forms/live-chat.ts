import * as z from "zod";
import { checkChatText } from "~/domain/live-chat-text";
import { UUID_PATTERN } from "~/domain/uuid";
import type { MessageKey } from "~/i18n/translate";
import { formSchema } from "./form-object";

// The live chat's forms, posted to /live/:sessionId/chat: one message (post) and the
// moderators' buttons (hide a message, mute or unmute its author). The message is checked
// by the rule of app/domain/live-chat-text.ts in the browser and in the action alike; the
// database function checks it once more.
const problemKey = {
  empty: "chat.errors.empty",
  control: "chat.errors.control",
  too_long: "chat.errors.too_long",
} as const satisfies Record<string, MessageKey>;

const text = z.string({ error: problemKey.empty }).transform((raw, ctx) => {
  const checked = checkChatText(raw);
  if (checked.ok) return checked.text;
  ctx.addIssue({ code: "custom", message: problemKey[checked.problem] });
  return z.NEVER;
});
const messageId = z.string({ error: "chat.errors.unknown_message" }).regex(UUID_PATTERN, { message: "chat.errors.unknown_message" });
const userId = z.string().regex(UUID_PATTERN, { message: "chat.errors.unknown_user" }).optional();

const post = z.object({ intent: z.literal("post"), text });
const hide = z.object({ intent: z.literal("hide"), messageId });
// Mute and unmute name the author through one of their messages (a message that arrived live
// carries no user id), or the user directly.
const mute = z.object({ intent: z.literal("mute"), messageId: messageId.optional(), userId });
const unmute = z.object({ intent: z.literal("unmute"), messageId: messageId.optional(), userId });

export const chatPostSchema = formSchema(post);
export const liveChatActionSchema = formSchema(z.discriminatedUnion("intent", [post, hide, mute, unmute]));
export type LiveChatAction = z.output<typeof liveChatActionSchema>;
