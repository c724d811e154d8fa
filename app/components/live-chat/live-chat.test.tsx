// @vitest-environment jsdom
import { act, renderHook, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { LiveChatActionData } from "~/routes/live.$sessionId.chat";
import { renderInApp, serverRenderInApp } from "../../../tests/support/remix-stub";
import { LiveChat, type LiveChatProps } from "./live-chat";
import { mergeChat, reduceChatEvent, useLiveChat, type LiveChatMessage } from "./use-live-chat";

const SESSION = "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";
const M1 = "0b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e21";
const M2 = "0b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e22";
const USER = "11111111-2222-4333-8444-555555555555";
const SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>';

const messages: LiveChatMessage[] = [
  { id: M1, author: "王小明", text: "多少钱一斤？", at: "2026-12-02T10:00:00.000Z", hidden: false, userId: USER },
  { id: M2, author: "", text: SCRIPT, at: "2026-12-02T10:00:05.000Z", hidden: false, userId: null },
];
const base: LiveChatProps = { sessionId: SESSION, messages, canPost: true, canModerate: false, signInHref: "/login?redirectTo=/live/x" };

/** A /live/:id/chat route recording what was posted and answering `reply`. */
function chatRoute(reply: LiveChatActionData) {
  const posted: Record<string, FormDataEntryValue>[] = [];
  const route = {
    path: "live/:sessionId/chat",
    action: async ({ request }: { request: Request }) => {
      posted.push(Object.fromEntries(await request.formData()));
      return reply;
    },
  };
  return { route, posted };
}

describe("LiveChat without JavaScript", () => {
  it("shows every message as text — a <script> message is those characters, not markup", () => {
    const html = serverRenderInApp(<LiveChat {...base} />);
    const log = within(html).getByRole("log", { name: "Chat messages" });
    expect(log.getAttribute("aria-live")).toBe("polite");
    expect(log.querySelector("script, img")).toBeNull();
    expect(log.textContent).toContain(SCRIPT);
    expect(log.innerHTML).toContain('&lt;script&gt;alert("x")&lt;/script&gt;&lt;img');
    // No name (it was the email, or none): "a viewer".
    expect(within(log).getAllByRole("listitem")[1].textContent).toContain("A viewer");
  });

  it("is a real form posting to /live/:id/chat, with a labelled field and its counter", () => {
    const html = serverRenderInApp(<LiveChat {...base} />);
    const form = html.querySelector("form")!;
    expect([form.getAttribute("method"), form.getAttribute("action")]).toEqual(["post", `/live/${SESSION}/chat`]);
    const input = within(html).getByLabelText<HTMLInputElement>("Your message");
    expect(input.name).toBe("text");
    expect(input.getAttribute("aria-describedby")).toContain(`chat-${SESSION}-counter`);
    expect(html.querySelector(`#chat-${SESSION}-counter`)!.textContent).toBe("0 of 200 characters");
    expect(Object.fromEntries(new FormData(form))).toEqual({ intent: "post", text: "" });
  });

  it("asks a signed-out viewer to sign in, and tells a muted one", () => {
    const out = serverRenderInApp(<LiveChat {...base} canPost={false} />);
    expect(within(out).getByRole("link", { name: "Sign in to chat" }).getAttribute("href")).toBe("/login?redirectTo=/live/x");
    expect(out.querySelector("form")).toBeNull();
    const muted = serverRenderInApp(<LiveChat {...base} muted />);
    expect(muted.textContent).toContain("The host has muted you in this chat.");
    expect(muted.querySelector("form")).toBeNull();
  });

  it("speaks Chinese on a Chinese page", () => {
    const html = serverRenderInApp(<LiveChat {...base} />, { locale: "zh-CN" });
    expect(within(html).getByRole("log", { name: "聊天消息" })).toBeTruthy();
    expect(within(html).getByRole("button", { name: "发送" })).toBeTruthy();
  });
});

describe("LiveChat in the browser", () => {
  it("posts through a fetcher, counts code points as they are typed, and empties the field once sent", async () => {
    const user = userEvent.setup();
    const chat = chatRoute({ ok: true, intent: "post", messageId: M1 });
    renderInApp(<LiveChat {...base} />, { routes: [chat.route] });
    const input = await screen.findByRole<HTMLInputElement>("textbox", { name: "Your message" });
    await user.type(input, "好吃😀");
    expect(screen.getByText("3 of 200 characters")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(chat.posted).toEqual([{ intent: "post", enhanced: "1", text: "好吃😀" }]));
    await waitFor(() => expect(input.value).toBe(""));
    expect(screen.getByText("0 of 200 characters")).toBeTruthy();
  });

  it("does not send a message over 200 characters, and says why", async () => {
    const user = userEvent.setup();
    const chat = chatRoute({ ok: true, intent: "post" });
    renderInApp(<LiveChat {...base} />, { routes: [chat.route] });
    const input = await screen.findByRole<HTMLInputElement>("textbox", { name: "Your message" });
    await user.click(input);
    await user.paste("木".repeat(201));
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("A message can be at most 200 characters."));
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(chat.posted).toEqual([]);
  });

  it("explains a refusal from the server: too fast, with when to retry", async () => {
    const user = userEvent.setup();
    const chat = chatRoute({ ok: false, intent: "post", reason: "rate_limited", retryAfterSeconds: 3 });
    renderInApp(<LiveChat {...base} />, { routes: [chat.route] });
    await user.type(await screen.findByRole("textbox", { name: "Your message" }), "again");
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("You are sending messages too fast. Try again in 3 seconds."));
  });

  it("gives moderators named buttons per message: hide posts the message, mute marks the author", async () => {
    const user = userEvent.setup();
    const chat = chatRoute({ ok: true, intent: "mute", userId: USER });
    renderInApp(<LiveChat {...base} canModerate />, { routes: [chat.route] });
    expect(await screen.findByRole("button", { name: "Hide message from 王小明" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Hide message from A viewer" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Mute 王小明" }));
    await waitFor(() => expect(chat.posted).toEqual([{ intent: "mute", messageId: M1, userId: USER, enhanced: "1" }]));
    expect(await screen.findByRole("button", { name: "Unmute 王小明" })).toBeTruthy();
    expect(screen.getByText("Muted")).toBeTruthy();
    // Hide names the message only.
    await user.click(screen.getByRole("button", { name: "Hide message from A viewer" }));
    await waitFor(() => expect(chat.posted[1]).toEqual({ intent: "hide", messageId: M2, enhanced: "1" }));
  });

  it("shows nobody else the moderator buttons", async () => {
    renderInApp(<LiveChat {...base} />);
    await screen.findByRole("log");
    expect(screen.queryByRole("button", { name: /Hide|Mute/ })).toBeNull();
  });
});

describe("useLiveChat", () => {
  const chatEvent = (id: string, text: string, n: number) =>
    ({ id: n, type: "chat", at: `2026-12-02T10:01:0${n}.000Z`, payload: { messageId: id, author: "李", text } }) as const;

  it("adds each chat event once, and drops a hidden message for viewers", () => {
    const { result } = renderHook(() => useLiveChat(messages));
    const NEW = "0b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e23";
    act(() => {
      result.current.onEvent(chatEvent(NEW, "<b>新鲜</b>", 1));
      result.current.onEvent(chatEvent(NEW, "<b>新鲜</b>", 1));
      result.current.onEvent({ type: "viewers", payload: { count: 4 } });
    });
    expect(result.current.messages.map((m) => m.text)).toEqual(["多少钱一斤？", SCRIPT, "<b>新鲜</b>"]);
    act(() => result.current.onEvent({ id: 2, type: "chat.hidden", payload: { messageId: M1 } }));
    expect(result.current.messages.map((m) => m.id)).toEqual([M2, NEW]);
  });

  it("keeps a hidden message, marked, for moderators", () => {
    const next = reduceChatEvent(messages, { id: 3, type: "chat.hidden", payload: { messageId: M2 } }, { keepHidden: true });
    expect(next.map((m) => m.hidden)).toEqual([false, true]);
  });

  it("merges a newer loader answer: its flags win, what only the stream had stays, in time order", () => {
    const live: LiveChatMessage = { id: "live", author: "李", text: "hi", at: "2026-12-02T10:02:00.000Z", hidden: false, userId: null };
    const loaded = [{ ...messages[1], userId: USER }];
    expect(mergeChat([...messages, live], loaded).map((m) => [m.id, m.userId])).toEqual([
      [M1, USER],
      [M2, USER],
      ["live", null],
    ]);
  });
});
