import type { Queryable } from "~/db/database.server";
import { isUuid } from "~/domain/uuid";

// Live chat (issue 9, item 5). Every write and its authorisation is one database call
// (public.post_chat_message, hide_chat_message, mute_chat_user, unmute_chat_user in
// supabase/migrations/20261202120000_live_chat.sql): the text rule, the rate limit under a
// per-(session, user) lock, mutes, and the `chat` / `chat.hidden` events. After the
// transaction commits, hand the eventId to the realtime port's announce (as pins do).
// Reads run under the caller's RLS: everyone sees visible messages, moderators hidden ones too.

export type ChatMessage = {
  id: string;
  author: string;
  text: string;
  at: string;
  /** Only moderators read hidden messages; for everyone else this is always false. */
  hidden: boolean;
  /** The author's id (a moderator mutes by it); null once the account is gone. */
  userId: string | null;
};

export type ChatRefusal =
  | "sign_in"
  | "unknown_session"
  | "not_live"
  | "empty"
  | "control"
  | "too_long"
  | "muted"
  | "rate_limited"
  | "unknown_message"
  | "unknown_user"
  | "moderator";

export type ChatResult =
  | { ok: true; repeated: boolean; eventId: number | null; messageId?: string; userId?: string; hidden?: number }
  | { ok: false; reason: ChatRefusal; retryAfterSeconds?: number };

type Raw = {
  ok: boolean;
  reason?: string;
  repeated?: boolean;
  eventId?: number | null;
  messageId?: string;
  hidden?: number;
  retryAfterSeconds?: number;
};

function toResult(raw: Raw, fallback: ChatRefusal): ChatResult {
  if (!raw.ok) {
    const reason = (raw.reason ?? fallback) as ChatRefusal;
    return raw.retryAfterSeconds === undefined ? { ok: false, reason } : { ok: false, reason, retryAfterSeconds: raw.retryAfterSeconds };
  }
  const result: ChatResult = { ok: true, repeated: raw.repeated ?? false, eventId: raw.eventId == null ? null : Number(raw.eventId) };
  if (raw.messageId) result.messageId = raw.messageId;
  if (raw.hidden !== undefined) result.hidden = raw.hidden;
  return result;
}

async function call(tx: Queryable, sql: string, params: unknown[], fallback: ChatRefusal): Promise<ChatResult> {
  const { rows } = await tx.query<{ result: Raw }>(sql, params);
  return toResult(rows[0].result, fallback);
}

export function postChatMessage(tx: Queryable, sessionId: string, text: string): Promise<ChatResult> {
  if (!isUuid(sessionId)) return Promise.resolve({ ok: false, reason: "unknown_session" });
  return call(tx, "select public.post_chat_message($1, $2) as result", [sessionId, text], "unknown_session");
}

export function hideChatMessage(tx: Queryable, messageId: string): Promise<ChatResult> {
  if (!isUuid(messageId)) return Promise.resolve({ ok: false, reason: "unknown_message" });
  return call(tx, "select public.hide_chat_message($1) as result", [messageId], "unknown_message");
}

/** Whom a moderation form means: a user id, or the author of a message (a message that came in live carries no user id). */
export type ChatTarget = { userId: string } | { messageId: string };

async function targetUser(tx: Queryable, sessionId: string, target: ChatTarget): Promise<string | null> {
  if ("userId" in target) return isUuid(target.userId) ? target.userId : null;
  if (!isUuid(target.messageId)) return null;
  const { rows } = await tx.query<{ user_id: string | null }>(
    "select user_id from public.live_chat_messages where id = $1 and session_id = $2",
    [target.messageId, sessionId],
  );
  return rows[0]?.user_id ?? null;
}

async function moderateUser(tx: Queryable, fn: "mute_chat_user" | "unmute_chat_user", sessionId: string, target: ChatTarget) {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" } as const;
  const userId = await targetUser(tx, sessionId, target);
  if (!userId) return { ok: false, reason: "messageId" in target ? "unknown_message" : "unknown_user" } as const;
  const result = await call(tx, `select public.${fn}($1, $2) as result`, [sessionId, userId], "unknown_session");
  return result.ok ? { ...result, userId } : result;
}

/** Mutes the user in this session and hides their messages of the last 10 minutes. */
export function muteChatUser(tx: Queryable, sessionId: string, target: ChatTarget): Promise<ChatResult> {
  return moderateUser(tx, "mute_chat_user", sessionId, target);
}

export function unmuteChatUser(tx: Queryable, sessionId: string, target: ChatTarget): Promise<ChatResult> {
  return moderateUser(tx, "unmute_chat_user", sessionId, target);
}

type MessageRow = {
  id: string;
  author_name: string;
  body: string;
  created_at: Date | string;
  hidden_at: Date | string | null;
  user_id: string | null;
};

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** The newest `limit` messages the caller may see, oldest first (the order they are shown in). */
export async function listRecentChat(q: Queryable, sessionId: string, limit = 50): Promise<ChatMessage[]> {
  if (!isUuid(sessionId)) return [];
  const { rows } = await q.query<MessageRow>(
    `select id, author_name, body, created_at, hidden_at, user_id from (
       select id, author_name, body, created_at, hidden_at, user_id from public.live_chat_messages
        where session_id = $1 order by created_at desc, id desc limit $2) newest
      order by created_at, id`,
    [sessionId, Math.max(1, Math.min(200, Math.floor(limit)))],
  );
  return rows.map((r) => ({
    id: r.id,
    author: r.author_name,
    text: r.body,
    at: iso(r.created_at),
    hidden: r.hidden_at !== null,
    userId: r.user_id,
  }));
}

export async function mayModerateChat(q: Queryable, sessionId: string): Promise<boolean> {
  if (!isUuid(sessionId)) return false;
  const { rows } = await q.query<{ may: boolean }>("select app_private.may_moderate_chat($1) as may", [sessionId]);
  return rows[0]?.may === true;
}

export type LiveChatView = {
  messages: ChatMessage[];
  canModerate: boolean;
  /** Moderators: the session's muted users (their buttons say "Unmute"). */
  mutedUserIds: string[];
  /** The viewer is muted here (the page says so instead of offering the form). */
  muted: boolean;
};

/**
 * What the live page's chat needs, in one transaction as the viewer. Anonymous: the public
 * messages only (the same for every guest, so the page stays shared-cacheable).
 */
export async function liveChatView(tx: Queryable, sessionId: string, signedIn: boolean): Promise<LiveChatView> {
  const messages = await listRecentChat(tx, sessionId, 50);
  if (!signedIn || !isUuid(sessionId)) return { messages, canModerate: false, mutedUserIds: [], muted: false };
  const { rows } = await tx.query<{ may: boolean; muted: string[]; me: boolean }>(
    `select app_private.may_moderate_chat($1) as may,
            coalesce(array_agg(user_id::text), '{}'::text[]) as muted,
            coalesce(bool_or(user_id = auth.uid()), false) as me
       from public.live_chat_mutes where session_id = $1`,
    [sessionId],
  );
  const { may, muted, me } = rows[0];
  return { messages, canModerate: may === true, mutedUserIds: may ? muted : [], muted: me === true };
}
