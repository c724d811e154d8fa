import { createRemixStub } from "@remix-run/testing";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveChat } from "~/components/live-chat/live-chat";
import type { AppContext } from "~/context.server";
import { withRole, type RequestIdentity } from "~/db/request-role.server";
import { listRecentChat } from "~/models/live-chat.server";
import { action } from "~/routes/live.$sessionId.chat";
import { ids } from "~/seed/seed.server";
import remixConfig from "../../remix.config.js";
import { ageMessages, createViewer, type Viewer } from "../support/chat-viewers";
import { fieldErrorsOf } from "../support/form-reply";
import { signIn } from "../support/signed-in";
import { openSseClient } from "../support/sse-client";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Issue 9, items 5 and 8: POST /live/:id/chat as browsers send it — with JavaScript (a
// fetcher: JSON and 4xx) and without (a redirect back, or a translated 4xx page) — what it
// stores, what a page renders of it, and the events an SSE viewer receives.

const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const anon: RequestIdentity = { role: "anon" };
const PASSWORD = "harvest-demo";

let t: TestDatabase;
let context: AppContext;

type Answer = { status: number; headers: Headers; body: unknown; text: string | null };

/** Calls the action like Remix does and reads the answer, whichever way it came back. */
async function postChat(cookie: string | null, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const request = new Request(`http://localhost/live/${LIVE}/chat`, {
    method: "POST",
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body: new URLSearchParams(form),
  });
  let value: unknown;
  try {
    value = await action({ request, params: { sessionId: LIVE }, context });
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) {
    const isHtml = value.headers.get("Content-Type")?.startsWith("text/html");
    return { status: value.status, headers: value.headers, body: null, text: isHtml ? await value.text() : null };
  }
  const wrapped = value as { data: unknown; init: { status?: number; headers?: HeadersInit } | null };
  return { status: wrapped.init?.status ?? 200, headers: new Headers(wrapped.init?.headers), body: wrapped.data, text: null };
}

async function signedInViewer(name?: string): Promise<{ viewer: Viewer; cookie: string }> {
  const viewer = await createViewer(t.db, { name, password: PASSWORD });
  return { viewer, cookie: await signIn(context, viewer.email, PASSWORD) };
}

beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
});
afterAll(async () => {
  await context?.realtime.close();
  await t?.destroy();
});

describe("POST /live/:id/chat without JavaScript", () => {
  it("stores the message and sends the browser back to the chat", async () => {
    const { viewer, cookie } = await signedInViewer();
    const answer = await postChat(cookie, { intent: "post", text: "今天的木耳多少钱？" });
    expect([answer.status, answer.headers.get("Location")]).toEqual([303, `/live/${LIVE}#chat`]);
    const stored = await withRole(t.db, anon, (tx) => listRecentChat(tx, LIVE));
    expect(stored.at(-1)).toMatchObject({ text: "今天的木耳多少钱？", userId: viewer.userId });
  });

  it("refuses with a 4xx page in the viewer's language, and the way back", async () => {
    const { cookie } = await signedInViewer();
    const tooLong = await postChat(cookie, { intent: "post", text: "木".repeat(201) }, { "Accept-Language": "zh-CN" });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toContain("每条消息最多 200 字。");
    expect(tooLong.text).toContain(`href="/live/${LIVE}#chat"`);
    const signedOut = await postChat(null, { intent: "post", text: "hi" }, { "Accept-Language": "en" });
    expect([signedOut.status, signedOut.text?.includes("Sign in to chat.")]).toEqual([401, true]);
  });
});

describe("POST /live/:id/chat from the page's fetcher", () => {
  it("answers JSON; too fast is a 429 with Retry-After and a reason the page translates", async () => {
    const { cookie } = await signedInViewer();
    const first = await postChat(cookie, { intent: "post", text: "first", enhanced: "1" });
    expect(first).toMatchObject({ status: 200, body: { ok: true, intent: "post", messageId: expect.any(String) } });
    const second = await postChat(cookie, { intent: "post", text: "second", enhanced: "1" });
    expect(second.status).toBe(429);
    expect(second.headers.get("Retry-After")).toBe("1");
    expect(second.body).toMatchObject({ ok: false, reason: "rate_limited", retryAfterSeconds: 1 });
  });

  it("gives field errors for a bad message (empty, control characters) before it reaches the database", async () => {
    const { cookie } = await signedInViewer();
    const empty = await postChat(cookie, { intent: "post", text: "   ", enhanced: "1" });
    expect([empty.status, fieldErrorsOf(empty.body)]).toEqual([422, { text: "chat.errors.empty" }]);
    const control = await postChat(cookie, { intent: "post", text: "a\u202eb", enhanced: "1" });
    expect([control.status, fieldErrorsOf(control.body)]).toEqual([422, { text: "chat.errors.control" }]);
    const nul = await postChat(cookie, { intent: "post", text: "a\u0000b", enhanced: "1" });
    expect(nul).toMatchObject({ status: 422, body: { reason: "control" } });
    const unknown = await postChat(cookie, { intent: "shout", enhanced: "1" });
    expect(unknown).toMatchObject({ status: 400, body: { ok: false, reason: "invalid" } });
  });

  it("answers 401 to a signed-out viewer and 404 to a malformed session id", async () => {
    expect(await postChat(null, { intent: "post", text: "hi", enhanced: "1" })).toMatchObject({ status: 401, body: { reason: "sign_in" } });
    const request = new Request("http://localhost/live/nope/chat", { method: "POST", body: new URLSearchParams({ intent: "post" }) });
    await expect(action({ request, params: { sessionId: "nope" }, context })).rejects.toMatchObject({ status: 404 });
  });

  it("lets the host hide and mute through the same action; another cooperative's admin gets 404", async () => {
    const { viewer, cookie } = await signedInViewer("Spammer");
    const posted = (await postChat(cookie, { intent: "post", text: "cheap fungus at example.com", enhanced: "1" })).body as {
      messageId: string;
    };
    const other = await signIn(context, "admin@zhengjia.demo");
    expect(await postChat(other, { intent: "hide", messageId: posted.messageId, enhanced: "1" })).toMatchObject({
      status: 404,
      body: { reason: "unknown_message" },
    });
    const host = await signIn(context, "host@liujiawobao.demo");
    expect(await postChat(host, { intent: "mute", messageId: posted.messageId, enhanced: "1" })).toMatchObject({
      status: 200,
      body: { ok: true, intent: "mute", userId: viewer.userId },
    });
    expect((await withRole(t.db, anon, (tx) => listRecentChat(tx, LIVE))).some((m) => m.id === posted.messageId)).toBe(false);
    await ageMessages(t.db, viewer.userId, 60);
    expect(await postChat(cookie, { intent: "post", text: "hello?", enhanced: "1" })).toMatchObject({
      status: 403,
      body: { reason: "muted" },
    });
    // Without JavaScript the moderator's button also comes back to the chat.
    const unmuted = await postChat(host, { intent: "unmute", userId: viewer.userId });
    expect([unmuted.status, unmuted.headers.get("Location")]).toEqual([303, `/live/${LIVE}#chat`]);
    const admin = await signIn(context, "admin@liujiawobao.demo");
    expect(await postChat(admin, { intent: "mute", userId: ids.user("host@liujiawobao.demo"), enhanced: "1" })).toMatchObject({
      status: 409,
      body: { reason: "moderator" },
    });
  });
});

describe("a <script> message", () => {
  it("is stored verbatim and rendered as text", async () => {
    const { cookie } = await signedInViewer("<b>Mallory</b>");
    const text = `<script>alert("chat")</script><img src=x onerror=alert(1)>`;
    const posted = await postChat(cookie, { intent: "post", text, enhanced: "1" });
    expect(posted.status).toBe(200);
    const stored = await t.db.query<{ body: string; author_name: string }>(
      "select body, author_name from public.live_chat_messages where id = $1",
      [(posted.body as { messageId: string }).messageId],
    );
    expect(stored.rows[0]).toEqual({ body: text, author_name: "<b>Mallory</b>" });

    const messages = await withRole(t.db, anon, (tx) => listRecentChat(tx, LIVE));
    const root = { locale: "en" };
    const Stub = createRemixStub([
      {
        id: "root",
        path: "/",
        loader: () => root,
        Component: () => createElement(LiveChat, { sessionId: LIVE, messages, canPost: true, canModerate: true, signInHref: "/login" }),
      },
    ]);
    const html = renderToString(createElement(Stub, { future: remixConfig.future, hydrationData: { loaderData: { root } } }));
    expect(html).toContain("&lt;script&gt;alert(&quot;chat&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;b&gt;Mallory&lt;/b&gt;");
    expect(html).not.toMatch(/<script>alert|<img src=x|<b>Mallory/);
  });
});

describe("chat events", () => {
  it("reach an SSE viewer: the message, then its hiding", async () => {
    const sse = openSseClient(context, LIVE);
    await sse.until(() => sse.events.some((e) => e.type === "viewers"));
    const { cookie } = await signedInViewer("李四");
    const posted = (await postChat(cookie, { intent: "post", text: "<i>hi</i>", enhanced: "1" })).body as { messageId: string };
    await sse.until(() => sse.stored().some((e) => e.type === "chat" && e.payload.messageId === posted.messageId));
    expect(sse.stored().find((e) => e.type === "chat" && e.payload.messageId === posted.messageId)).toMatchObject({
      payload: { author: "李四", text: "<i>hi</i>" },
    });
    const host = await signIn(context, "host@liujiawobao.demo");
    await postChat(host, { intent: "hide", messageId: posted.messageId, enhanced: "1" });
    await sse.until(() => sse.stored().some((e) => e.type === "chat.hidden" && e.payload.messageId === posted.messageId));
    await sse.close();
  });
});
