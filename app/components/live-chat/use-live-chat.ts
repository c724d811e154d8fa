import { useCallback, useState } from "react";
import type { LiveEvent } from "~/realtime/live-event";

// The chat's messages as the live page sees them: what the loader rendered, then every
// `chat` and `chat.hidden` event of the page's one event stream. The page owns the stream
// (useLiveEvents) and passes `onEvent` to it:
//
//   const chat = useLiveChat(data.chat.messages, { keepHidden: data.chat.canModerate });
//   useLiveEvents(session.id, { lastEventId, onEvent: chat.onEvent });
//   <LiveChat messages={chat.messages} … />

export type LiveChatMessage = {
  id: string;
  author: string;
  text: string;
  /** ISO time: the message's (from the loader) or its event's (from the stream). */
  at?: string;
  hidden: boolean;
  /** Known for messages from the loader; a message that arrived live has none. */
  userId: string | null;
};

export type LiveChatOptions = {
  /** Moderators keep a hidden message on screen, marked; everyone else sees it go. */
  keepHidden?: boolean;
  /** How many messages stay on screen. */
  keep?: number;
};

const byTime = (a: LiveChatMessage, b: LiveChatMessage) => (a.at && b.at && a.at !== b.at ? (a.at < b.at ? -1 : 1) : 0);

/** The messages after one event (pure: the hook and its tests share it). */
export function reduceChatEvent(messages: LiveChatMessage[], event: LiveEvent, options: LiveChatOptions = {}): LiveChatMessage[] {
  const { keepHidden = false, keep = 100 } = options;
  if (event.type === "chat") {
    // The stream may repeat what the loader already had (rendered between write and connect).
    if (messages.some((m) => m.id === event.payload.messageId)) return messages;
    const message = {
      id: event.payload.messageId,
      author: event.payload.author,
      text: event.payload.text,
      at: event.at,
      hidden: false,
      userId: null,
    };
    return [...messages, message].slice(-keep);
  }
  if (event.type === "chat.hidden") {
    const { messageId } = event.payload;
    if (!messages.some((m) => m.id === messageId)) return messages;
    return keepHidden ? messages.map((m) => (m.id === messageId ? { ...m, hidden: true } : m)) : messages.filter((m) => m.id !== messageId);
  }
  return messages;
}

/**
 * A newer loader answer (the page revalidated) merged into what is on screen: the loader is
 * right about what it lists (hidden, author id); messages it does not list yet stay.
 */
export function mergeChat(current: LiveChatMessage[], loaded: LiveChatMessage[], keep = 100): LiveChatMessage[] {
  const fromLoader = new Map(loaded.map((m) => [m.id, m]));
  const merged = current.map((m) => fromLoader.get(m.id) ?? m);
  const known = new Set(current.map((m) => m.id));
  for (const m of loaded) if (!known.has(m.id)) merged.push(m);
  return merged.sort(byTime).slice(-keep);
}

export function useLiveChat(initialMessages: LiveChatMessage[], options: LiveChatOptions = {}) {
  const { keepHidden = false, keep = 100 } = options;
  const [messages, setMessages] = useState(initialMessages);
  const [loaded, setLoaded] = useState(initialMessages);
  // Merging during render (not in an effect) when the loader's list changed.
  if (loaded !== initialMessages) {
    setLoaded(initialMessages);
    setMessages((current) => mergeChat(current, initialMessages, keep));
  }
  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.type === "chat" || event.type === "chat.hidden")
        setMessages((current) => reduceChatEvent(current, event, { keepHidden, keep }));
    },
    [keepHidden, keep],
  );
  return { messages, onEvent };
}
