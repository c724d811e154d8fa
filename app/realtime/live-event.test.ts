import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STORED_EVENT_TYPES, parseLiveEvent, type LiveEvent } from "./live-event";
import { encodeSseEvent, resumeIdOf, sseComment, sseRetry } from "./sse.server";
import { reduceLiveEvent, liveEventsUrl, type LiveEventsState } from "./use-live-events";

const PRODUCT = "2f1f6a3e-1111-4a4a-8b8b-0123456789ab";
const pin: LiveEvent = {
  id: 42,
  at: "2026-12-02T11:00:00.000Z",
  type: "pin",
  payload: {
    productId: PRODUCT,
    pinId: 7,
    offsetMs: 1500,
    product: { slug: "black-fungus", titleZh: "黑木耳", titleEn: "Black fungus", priceFen: 3880, unit: "jin" },
  },
};

/** What an EventSource hands to onmessage for one event block: the data lines joined by \n. */
function sseDataOf(block: string): { id: string | null; data: string } {
  const lines = block.split("\n").filter(Boolean);
  const id = lines.find((l) => l.startsWith("id: "))?.slice(4) ?? null;
  const data = lines
    .filter((l) => l.startsWith("data: "))
    .map((l) => l.slice(6))
    .join("\n");
  return { id, data };
}

describe("live events on the wire", () => {
  it("encodes a stored event with its id and parses it back", () => {
    const block = encodeSseEvent(pin);
    expect(block.endsWith("\n\n")).toBe(true);
    const { id, data } = sseDataOf(block);
    expect(id).toBe("42");
    expect(parseLiveEvent(data)).toEqual(pin);
  });

  it("sends an ephemeral event without an id (the client's Last-Event-ID stays)", () => {
    const block = encodeSseEvent({ type: "viewers", payload: { count: 3 } });
    expect(block).not.toContain("id:");
    expect(parseLiveEvent(sseDataOf(block).data)).toEqual({ type: "viewers", payload: { count: 3 } });
  });

  it("keeps any chat text inside its data lines (no injected fields or events)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const event: LiveEvent = { id: 5, type: "chat", payload: { messageId: PRODUCT, author: "a", text } };
        const block = encodeSseEvent(event);
        // One blank line only, at the end: the block is one event.
        expect(block.slice(0, -2)).not.toMatch(/\n\n|\r/);
        expect(parseLiveEvent(sseDataOf(block).data)).toEqual(event);
      }),
    );
  });

  it("carries a session's status change and its replay address", () => {
    const ended: LiveEvent = { id: 9, type: "session", payload: { status: "ended", replayUrl: "/media/sample/master.m3u8" } };
    expect(parseLiveEvent(sseDataOf(encodeSseEvent(ended)).data)).toEqual(ended);
    expect(STORED_EVENT_TYPES).toContain("session");
    expect(parseLiveEvent(JSON.stringify({ type: "session", payload: { status: "cancelled", replayUrl: null } }))).toBeNull();
  });

  it("refuses malformed JSON, unknown types and bad payloads", () => {
    expect(parseLiveEvent("not json")).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: "teleport", payload: {} }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: "viewers", payload: { count: -1 } }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: "pin", payload: { productId: "nope" } }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ id: 0, type: "viewers", payload: { count: 1 } }))).toBeNull();
  });

  it("frames comments and retry on their own lines", () => {
    expect(sseComment("heart\nbeat")).toBe(": heart beat\n\n");
    expect(sseRetry(3000)).toBe("retry: 3000\n\n");
  });

  it("resumes from Last-Event-ID, else ?lastEventId=, ignoring anything not a plain id", () => {
    const at = (url: string, header?: string) => resumeIdOf(new Request(url, header ? { headers: { "Last-Event-ID": header } } : {}));
    expect(at("http://x/live/s/events", "17")).toBe(17);
    expect(at("http://x/live/s/events?lastEventId=9", "17")).toBe(17);
    expect(at("http://x/live/s/events?lastEventId=9")).toBe(9);
    expect(at("http://x/live/s/events")).toBeNull();
    expect(at("http://x/live/s/events", "-1")).toBeNull();
    expect(at("http://x/live/s/events?lastEventId=1e3")).toBeNull();
    expect(at("http://x/live/s/events", "99999999999999999999")).toBeNull();
  });
});

describe("the live page's state", () => {
  const empty: LiveEventsState = { pinnedProductId: null, viewers: null, recent: [], connected: true };

  it("follows pins, unpins and the viewer count, keeping the newest events", () => {
    let state = reduceLiveEvent(empty, pin, 2);
    expect(state.pinnedProductId).toBe(PRODUCT);
    state = reduceLiveEvent(state, { type: "viewers", payload: { count: 12 } }, 2);
    expect(state.viewers).toBe(12);
    expect(state.recent).toHaveLength(1);
    state = reduceLiveEvent(state, { id: 43, type: "unpin", payload: { productId: PRODUCT, pinId: 7 } }, 2);
    expect(state.pinnedProductId).toBeNull();
    state = reduceLiveEvent(state, { id: 44, type: "chat.hidden", payload: { messageId: PRODUCT } }, 2);
    expect(state.recent.map((e) => e.id)).toEqual([43, 44]);
  });

  it("ignores an unpin of a product that is no longer pinned", () => {
    const other = "00000000-0000-4000-8000-000000000001";
    const state = reduceLiveEvent(
      { ...empty, pinnedProductId: other },
      { id: 2, type: "unpin", payload: { productId: PRODUCT, pinId: 1 } },
      5,
    );
    expect(state.pinnedProductId).toBe(other);
  });

  it("connects first with the id the page was rendered at", () => {
    expect(liveEventsUrl("abc", 12)).toBe("/live/abc/events?lastEventId=12");
    expect(liveEventsUrl("abc", null)).toBe("/live/abc/events");
  });
});
