import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/database.server";
import { withRole, type RequestIdentity } from "~/db/request-role.server";
import { checkChatText } from "~/domain/live-chat-text";
import { liveEventsAfter } from "~/models/live-event.server";
import {
  hideChatMessage,
  listRecentChat,
  liveChatView,
  mayModerateChat,
  muteChatUser,
  postChatMessage,
  unmuteChatUser,
} from "~/models/live-chat.server";
import { ids } from "~/seed/seed.server";
import { ageMessages, createViewer } from "../support/chat-viewers";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Issue 9, item 5: the live chat's database functions — who may post and moderate, the text
// rule and the rate limit as the database enforces them, and the events they write.

const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const ENDED = ids.session("zhengjia-fungus-drying-replay");
const host: RequestIdentity = { role: "authenticated", userId: ids.user("host@liujiawobao.demo") };
const admin: RequestIdentity = { role: "authenticated", userId: ids.user("admin@liujiawobao.demo") };
const otherAdmin: RequestIdentity = { role: "authenticated", userId: ids.user("admin@zhengjia.demo") };
const anon: RequestIdentity = { role: "anon" };

let t: TestDatabase;
let db: Database;

const post = (who: RequestIdentity, text: string, session = LIVE) => withRole(db, who, (tx) => postChatMessage(tx, session, text));
const chatAs = (who: RequestIdentity) => withRole(db, who, (tx) => listRecentChat(tx, LIVE, 50));
const lastEvent = async () => (await withRole(db, anon, (tx) => liveEventsAfter(tx, LIVE, 0))).at(-1);

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
});
afterAll(() => t?.destroy());

describe("post_chat_message", () => {
  it("stores a signed-in viewer's message, trimmed, and writes the chat event with their display name", async () => {
    const viewer = await createViewer(db, { name: "王小明" });
    const result = await post(viewer, "  黑木耳怎么泡发？ ");
    expect(result).toMatchObject({ ok: true, eventId: expect.any(Number), messageId: expect.any(String) });
    const event = await lastEvent();
    expect(event).toMatchObject({
      type: "chat",
      id: result.ok ? result.eventId : -1,
      payload: { messageId: result.ok ? result.messageId : "", author: "王小明", text: "黑木耳怎么泡发？" },
    });
    expect((await chatAs(anon)).at(-1)).toMatchObject({ text: "黑木耳怎么泡发？", author: "王小明", hidden: false });
  });

  it("refuses anon outright: the function is not theirs to call", async () => {
    await expect(post(anon, "hi")).rejects.toThrow(/permission denied/);
  });

  it("refuses a session that is not live, and one that does not exist", async () => {
    const viewer = await createViewer(db);
    expect(await post(viewer, "hi", ENDED)).toEqual({ ok: false, reason: "not_live" });
    expect(await post(viewer, "hi", "00000000-0000-4000-8000-000000000000")).toEqual({ ok: false, reason: "unknown_session" });
  });

  it("refuses an empty, too long or control-character message; 200 emoji fit", async () => {
    const viewer = await createViewer(db);
    expect(await post(viewer, " \u3000 ")).toEqual({ ok: false, reason: "empty" });
    expect(await post(viewer, "a".repeat(201))).toEqual({ ok: false, reason: "too_long" });
    for (const bad of ["a\nb", "a\tb", "a\u0007b", "a\u202eb", "a\u0085b", "a\u2028b"]) {
      expect(await post(viewer, bad), JSON.stringify(bad)).toEqual({ ok: false, reason: "control" });
    }
    expect(await post(viewer, "😀".repeat(200))).toMatchObject({ ok: true });
  });

  it("property: the database accepts exactly what the browser's rule accepts, and stores the same text", async () => {
    const viewer = await createViewer(db);
    const unit = fc.constantFrom(
      "a",
      " ",
      "\u3000",
      "\u00a0",
      "木",
      "😀",
      "\n",
      "\t",
      "\u0001",
      "\u007f",
      "\u009f",
      "\u202a",
      "\u2066",
      "\ufeff",
      "\u200b",
      "<",
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 12 }), async (raw) => {
        await ageMessages(db, viewer.userId, 60);
        const js = checkChatText(raw);
        const sql = await post(viewer, raw);
        if (js.ok) {
          expect(sql, JSON.stringify(raw)).toMatchObject({ ok: true });
          const stored = await db.query<{ body: string }>("select body from public.live_chat_messages where id = $1", [
            sql.ok ? sql.messageId : "",
          ]);
          expect(stored.rows[0].body).toBe(js.text);
        } else {
          expect(sql, JSON.stringify(raw)).toEqual({ ok: false, reason: js.problem });
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never signs with the email: a display name that is the email (or its local part) shows as no name", async () => {
    const viewer = await createViewer(db);
    await db.query("update public.profiles set display_name = email where id = $1", [viewer.userId]);
    await post(viewer, "first");
    await ageMessages(db, viewer.userId, 60);
    await db.query("update public.profiles set display_name = split_part(email, '@', 1) where id = $1", [viewer.userId]);
    await post(viewer, "second");
    const mine = (await chatAs(anon)).filter((m) => m.userId === viewer.userId);
    expect(mine.map((m) => [m.text, m.author])).toEqual([
      ["first", ""],
      ["second", ""],
    ]);
    expect(JSON.stringify((await db.query("select payload from public.live_events")).rows)).not.toContain(viewer.email);
  });

  it("rate-limits each user: 1 s between messages, at most 5 in 10 s, and says when to retry", async () => {
    const viewer = await createViewer(db);
    expect(await post(viewer, "one")).toMatchObject({ ok: true });
    expect(await post(viewer, "two")).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 1 });
    // Someone else is not slowed down by them.
    expect(await post(await createViewer(db), "me too")).toMatchObject({ ok: true });
    for (const text of ["two", "three", "four", "five"]) {
      await ageMessages(db, viewer.userId, 1.5);
      expect(await post(viewer, text), text).toMatchObject({ ok: true });
    }
    await ageMessages(db, viewer.userId, 1.5);
    // Five messages in the last 7.5 s: the oldest leaves the window in about 2.5 s.
    const sixth = await post(viewer, "six");
    expect(sixth).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(sixth.ok ? 0 : sixth.retryAfterSeconds).toBe(3);
    await ageMessages(db, viewer.userId, 3);
    expect(await post(viewer, "six")).toMatchObject({ ok: true });
  });
});

describe("moderation", () => {
  it("the host hides a message: gone for viewers, marked for moderators, one chat.hidden event", async () => {
    const viewer = await createViewer(db);
    const posted = await post(viewer, "buy my stuff elsewhere");
    const messageId = posted.ok ? posted.messageId! : "";
    const hidden = await withRole(db, host, (tx) => hideChatMessage(tx, messageId));
    expect(hidden).toMatchObject({ ok: true, repeated: false, eventId: expect.any(Number) });
    expect(await lastEvent()).toMatchObject({ type: "chat.hidden", payload: { messageId } });
    expect((await chatAs(anon)).some((m) => m.id === messageId)).toBe(false);
    expect((await chatAs(viewer)).some((m) => m.id === messageId)).toBe(false);
    expect((await chatAs(host)).find((m) => m.id === messageId)).toMatchObject({ hidden: true });
    expect(await withRole(db, host, (tx) => hideChatMessage(tx, messageId))).toMatchObject({ ok: true, repeated: true, eventId: null });
  });

  it("an admin of the session's cooperative hides one too; an admin of another cooperative is refused as if it did not exist", async () => {
    const viewer = await createViewer(db);
    const first = await post(viewer, "one");
    await ageMessages(db, viewer.userId, 2);
    const second = await post(viewer, "two");
    const [a, b] = [first, second].map((r) => (r.ok ? r.messageId! : ""));
    expect(await withRole(db, otherAdmin, (tx) => hideChatMessage(tx, a))).toEqual({ ok: false, reason: "unknown_message" });
    expect(await withRole(db, viewer, (tx) => hideChatMessage(tx, a))).toEqual({ ok: false, reason: "unknown_message" });
    expect((await chatAs(anon)).some((m) => m.id === a)).toBe(true);
    expect(await withRole(db, admin, (tx) => hideChatMessage(tx, b))).toMatchObject({ ok: true, repeated: false });
    expect((await chatAs(anon)).some((m) => m.id === b)).toBe(false);
  });

  it("who may moderate: host and the cooperative's admins, nobody else", async () => {
    const may = (who: RequestIdentity) => withRole(db, who, (tx) => mayModerateChat(tx, LIVE));
    expect([await may(host), await may(admin), await may(otherAdmin), await may(anon), await may(await createViewer(db))]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("a mute refuses the user's next posts and hides their last 10 minutes; unmute lets them speak again", async () => {
    const viewer = await createViewer(db);
    const old = await post(viewer, "an hour ago");
    await ageMessages(db, viewer.userId, 3600);
    const recent = await post(viewer, "spam");
    const [oldId, recentId] = [old, recent].map((r) => (r.ok ? r.messageId! : ""));
    const muted = await withRole(db, host, (tx) => muteChatUser(tx, LIVE, { messageId: recentId }));
    expect(muted).toMatchObject({ ok: true, repeated: false, hidden: 1, userId: viewer.userId, eventId: expect.any(Number) });
    const visible = (await chatAs(anon)).map((m) => m.id);
    expect(visible).toContain(oldId);
    expect(visible).not.toContain(recentId);
    await ageMessages(db, viewer.userId, 60);
    expect(await post(viewer, "let me speak")).toEqual({ ok: false, reason: "muted" });
    // They learn they are muted (the page says so); other viewers see no mutes; moderators see them all.
    expect(await withRole(db, viewer, (tx) => liveChatView(tx, LIVE, true))).toMatchObject({
      canModerate: false,
      mutedUserIds: [],
      muted: true,
    });
    expect(await withRole(db, await createViewer(db), (tx) => liveChatView(tx, LIVE, true))).toMatchObject({
      mutedUserIds: [],
      muted: false,
    });
    const moderator = await withRole(db, admin, (tx) => liveChatView(tx, LIVE, true));
    expect([moderator.canModerate, moderator.muted, moderator.mutedUserIds.includes(viewer.userId)]).toEqual([true, false, true]);
    expect(await withRole(db, anon, (tx) => liveChatView(tx, LIVE, false))).toMatchObject({
      canModerate: false,
      mutedUserIds: [],
      muted: false,
    });

    expect(await withRole(db, otherAdmin, (tx) => unmuteChatUser(tx, LIVE, { userId: viewer.userId }))).toEqual({
      ok: false,
      reason: "unknown_session",
    });
    expect(await withRole(db, admin, (tx) => unmuteChatUser(tx, LIVE, { userId: viewer.userId }))).toMatchObject({
      ok: true,
      repeated: false,
    });
    expect(await post(viewer, "thanks")).toMatchObject({ ok: true });
  });

  it("refuses to mute the host or an admin, and refuses anyone else's moderator", async () => {
    expect(await withRole(db, admin, (tx) => muteChatUser(tx, LIVE, { userId: host.role === "authenticated" ? host.userId : "" }))).toEqual(
      {
        ok: false,
        reason: "moderator",
      },
    );
    const viewer = await createViewer(db);
    expect(await withRole(db, otherAdmin, (tx) => muteChatUser(tx, LIVE, { userId: viewer.userId }))).toEqual({
      ok: false,
      reason: "unknown_session",
    });
    expect(await withRole(db, viewer, (tx) => muteChatUser(tx, LIVE, { userId: viewer.userId }))).toEqual({
      ok: false,
      reason: "unknown_session",
    });
  });

  it("a cancelled session's chat is read by nobody through the API", async () => {
    const viewer = await createViewer(db);
    await post(viewer, "before the cancel");
    await restoreAfterThisTest(db, "public.live_sessions", { id: LIVE });
    await db.query("update public.live_sessions set status = 'cancelled' where id = $1", [LIVE]);
    expect(await chatAs(anon)).toEqual([]);
    expect(await chatAs(viewer)).toEqual([]);
  });

  it("writes go through the functions only: no API role may insert, update or delete a message or a mute", async () => {
    const viewer = await createViewer(db);
    for (const who of [anon, viewer, host]) {
      await expect(
        withRole(db, who, (tx) =>
          tx.query("insert into public.live_chat_messages (session_id, author_name, body) values ($1, 'x', 'y')", [LIVE]),
        ),
      ).rejects.toThrow(/permission denied/);
      await expect(withRole(db, who, (tx) => tx.query("update public.live_chat_messages set hidden_at = now()"))).rejects.toThrow(
        /permission denied/,
      );
      await expect(withRole(db, who, (tx) => tx.query("delete from public.live_chat_mutes"))).rejects.toThrow(/permission denied/);
    }
    // Who hid a message is not for the public.
    await expect(withRole(db, anon, (tx) => tx.query("select hidden_by from public.live_chat_messages"))).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("the rate limit under concurrency (needs the Postgres server)", () => {
  it("20 posts by one user at the same moment store exactly one; each other user still gets theirs", async () => {
    const viewer = await createViewer(db);
    const other = await createViewer(db);
    const started = Date.now();
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => post(viewer, `burst ${i}`)),
      ...Array.from({ length: 5 }, (_, i) => post(other, `other ${i}`)),
    ]);
    const elapsed = Date.now() - started;
    const stored = await db.query<{ user_id: string; created_at: Date }>(
      "select user_id, created_at from public.live_chat_messages where user_id = any($1) order by created_at",
      [[viewer.userId, other.userId]],
    );
    const mine = stored.rows.filter((r) => r.user_id === viewer.userId);
    // Each accepted post waited for the one before it (the per-session-user lock), so none
    // came within 1 s of another — within the burst's few milliseconds: exactly one.
    for (let i = 1; i < mine.length; i++) {
      expect(new Date(mine[i].created_at).getTime() - new Date(mine[i - 1].created_at).getTime()).toBeGreaterThanOrEqual(1000);
    }
    if (elapsed < 1000) expect(mine).toHaveLength(1);
    expect(results.slice(0, 20).filter((r) => r.ok)).toHaveLength(mine.length);
    expect(results.slice(0, 20).filter((r) => !r.ok)).toEqual(
      Array.from({ length: 20 - mine.length }, () => ({ ok: false, reason: "rate_limited", retryAfterSeconds: 1 })),
    );
    expect(stored.rows.filter((r) => r.user_id === other.userId).length).toBeGreaterThanOrEqual(1);
    // Their chat events were written in id order with the messages.
    const events = (await withRole(db, anon, (tx) => liveEventsAfter(tx, LIVE, 0))).filter(
      (e) => e.type === "chat" && e.payload.text.startsWith("burst "),
    );
    expect(events).toHaveLength(mine.length);
  });
});
