// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useLiveEvents } from "./use-live-events";

const PRODUCT = "2f1f6a3e-1111-4a4a-8b8b-0123456789ab";

/** An EventSource stand-in: the hook only uses the constructor, the handlers and close(). */
class FakeSource {
  static OPEN = 1;
  static instances: FakeSource[] = [];
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((message: MessageEvent<string>) => void) | null = null;
  constructor(readonly url: string) {
    FakeSource.instances.push(this);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  emit(data: unknown) {
    this.onmessage?.(new MessageEvent("message", { data: typeof data === "string" ? data : JSON.stringify(data) }));
  }
  close() {
    this.closed = true;
  }
}

describe("useLiveEvents", () => {
  it("connects from the rendered event id and follows pins, viewers and recent events", () => {
    FakeSource.instances = [];
    const { result, unmount } = renderHook(() =>
      useLiveEvents("s-1", { initialPinnedProductId: null, lastEventId: 41, eventSource: FakeSource as unknown as typeof EventSource }),
    );
    const source = FakeSource.instances[0];
    expect(source.url).toBe("/live/s-1/events?lastEventId=41");
    act(() => source.open());
    expect(result.current.connected).toBe(true);
    act(() => {
      source.emit({
        id: 42,
        type: "pin",
        payload: {
          productId: PRODUCT,
          pinId: 1,
          offsetMs: null,
          product: { slug: "x", titleZh: "米", titleEn: "Rice", priceFen: 100, unit: "kg" },
        },
      });
      source.emit({ type: "viewers", payload: { count: 9 } });
      source.emit("garbage");
    });
    expect(result.current.pinnedProductId).toBe(PRODUCT);
    expect(result.current.viewers).toBe(9);
    expect(result.current.recent.map((e) => e.type)).toEqual(["pin"]);
    unmount();
    expect(source.closed).toBe(true);
  });

  it("hands every parsed event to onEvent, the newest callback, without reconnecting when it changes", () => {
    FakeSource.instances = [];
    const first: string[] = [];
    const second: string[] = [];
    const { rerender, unmount } = renderHook(
      ({ onEvent }: { onEvent: (e: { type: string }) => void }) =>
        useLiveEvents("s-2", { eventSource: FakeSource as unknown as typeof EventSource, onEvent }),
      { initialProps: { onEvent: (e: { type: string }) => first.push(e.type) } },
    );
    const source = FakeSource.instances[0];
    const chat = { id: 7, type: "chat", payload: { messageId: PRODUCT, author: "Li", text: "<b>hi</b>" } };
    act(() => {
      source.emit(chat);
      source.emit({ type: "viewers", payload: { count: 3 } });
      source.emit("garbage");
    });
    expect(first).toEqual(["chat", "viewers"]);
    rerender({ onEvent: (e: { type: string }) => second.push(e.type) });
    act(() => source.emit({ id: 8, type: "chat.hidden", payload: { messageId: PRODUCT } }));
    expect(second).toEqual(["chat.hidden"]);
    expect(first).toHaveLength(2);
    expect(FakeSource.instances).toHaveLength(1);
    expect(source.closed).toBe(false);
    unmount();
  });
});
