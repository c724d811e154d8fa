import { useEffect, useRef, useState } from "react";
import { parseLiveEvent, type LiveEvent } from "./live-event";

// The live page's view of its session's event stream. The browser's EventSource reconnects
// by itself and sends Last-Event-ID, and the server replays what was missed, so this hook
// keeps no cursor of its own: the first connect passes the id the page was rendered at
// (`lastEventId`) so nothing between render and connect is lost.

export type LiveEventsState = {
  pinnedProductId: string | null;
  viewers: number | null;
  /** Newest last, at most `keep` of them (viewer counts are not listed). */
  recent: LiveEvent[];
  connected: boolean;
};

export type UseLiveEventsOptions = {
  /** The pinned product and newest event id the page was rendered with. */
  initialPinnedProductId?: string | null;
  lastEventId?: number | null;
  keep?: number;
  /**
   * Called with every parsed event (viewer counts included), e.g. the chat's
   * useLiveChat().onEvent. Kept in a ref: a new function on each render does not reconnect.
   */
  onEvent?: (event: LiveEvent) => void;
  /** For tests: an EventSource stand-in. */
  eventSource?: typeof EventSource;
};

export function liveEventsUrl(sessionId: string, lastEventId?: number | null): string {
  const base = `/live/${encodeURIComponent(sessionId)}/events`;
  return lastEventId ? `${base}?lastEventId=${lastEventId}` : base;
}

/** The state after one event (pure: the hook and its tests share it). */
export function reduceLiveEvent(state: LiveEventsState, event: LiveEvent, keep: number): LiveEventsState {
  if (event.type === "viewers") return { ...state, viewers: event.payload.count };
  const recent = [...state.recent, event].slice(-keep);
  if (event.type === "pin") return { ...state, recent, pinnedProductId: event.payload.productId };
  if (event.type === "unpin") {
    return { ...state, recent, pinnedProductId: state.pinnedProductId === event.payload.productId ? null : state.pinnedProductId };
  }
  return { ...state, recent };
}

export function useLiveEvents(sessionId: string, options: UseLiveEventsOptions = {}): LiveEventsState {
  const { initialPinnedProductId = null, lastEventId = null, keep = 50, eventSource, onEvent } = options;
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);
  const [state, setState] = useState<LiveEventsState>({
    pinnedProductId: initialPinnedProductId,
    viewers: null,
    recent: [],
    connected: false,
  });

  useEffect(() => {
    const Source = eventSource ?? (typeof EventSource === "undefined" ? undefined : EventSource);
    if (!Source) return;
    const source = new Source(liveEventsUrl(sessionId, lastEventId));
    source.onopen = () => setState((s) => ({ ...s, connected: true }));
    // The browser retries on its own (the server's `retry:`); only a closed source is final.
    source.onerror = () => setState((s) => ({ ...s, connected: source.readyState === Source.OPEN }));
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseLiveEvent(message.data);
      if (!event) return;
      setState((s) => reduceLiveEvent(s, event, keep));
      onEventRef.current?.(event);
    };
    return () => source.close();
    // lastEventId is where the first connect starts; a later value must not reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, keep, eventSource]);

  return state;
}
