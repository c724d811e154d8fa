import { describe, expect, it } from "vitest";
import type { LiveEvent, StoredLiveEvent } from "./live-event";
import { backoffMs } from "./pg-listener.server";
import { eventHub, type StoredEventReader } from "./realtime-port.server";

const S = "00000000-0000-4000-8000-00000000000a";
const chat = (id: number): StoredLiveEvent => ({
  id,
  at: "2026-12-02T11:00:00.000Z",
  type: "chat.hidden",
  payload: { messageId: "00000000-0000-4000-8000-000000000001" },
});

/** A table of events that tests append to, read the way the real reader reads it. */
function table(initial: number[] = []) {
  const rows = initial.map(chat);
  const reads: number[] = [];
  const reader: StoredEventReader = {
    latestId: async () => rows.at(-1)?.id ?? 0,
    after: async (_s, afterId, limit) => {
      reads.push(afterId);
      return rows.filter((r) => r.id > afterId).slice(0, limit);
    },
  };
  return { rows, reads, reader, append: (id: number) => rows.push(chat(id)) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("the event hub", () => {
  it("delivers each stored event after the subscription once, in order, however many signals arrive", async () => {
    const t = table([1, 2]);
    const hub = eventHub(t.reader);
    const seen: LiveEvent[] = [];
    const { since } = await hub.subscribe(S, (e) => seen.push(e));
    expect(since).toBe(2);
    t.append(3);
    t.append(5);
    hub.signal(S);
    hub.signal(S);
    hub.signalAll();
    await settle();
    expect(seen.map((e) => e.id)).toEqual([3, 5]);
  });

  it("catches up after missed signals (what a reconnect does)", async () => {
    const t = table();
    const hub = eventHub(t.reader);
    const seen: number[] = [];
    await hub.subscribe(S, (e) => seen.push(e.id!));
    for (let id = 1; id <= 1_200; id++) t.append(id); // more than one page, no signal
    hub.signalAll();
    await settle();
    expect(seen).toEqual(Array.from({ length: 1_200 }, (_, i) => i + 1));
  });

  it("does not read sessions nobody here watches, and forgets a session on its last unsubscribe", async () => {
    const t = table([1]);
    const hub = eventHub(t.reader);
    hub.signal(S);
    await settle();
    expect(t.reads).toEqual([]);
    const a = await hub.subscribe(S, () => {});
    const b = await hub.subscribe(S, () => {});
    a.unsubscribe();
    expect(hub.sessions()).toEqual([S]);
    b.unsubscribe();
    expect(hub.sessions()).toEqual([]);
  });

  it("hands ephemeral events to the session's subscribers only", async () => {
    const hub = eventHub(table().reader);
    const seen: LiveEvent[] = [];
    await hub.subscribe(S, (e) => seen.push(e));
    hub.deliver("00000000-0000-4000-8000-00000000000b", { type: "viewers", payload: { count: 1 } });
    hub.deliver(S, { type: "viewers", payload: { count: 2 } });
    expect(seen).toEqual([{ type: "viewers", payload: { count: 2 } }]);
  });
});

describe("listener backoff", () => {
  it("doubles up to the cap, with jitter in the upper half", () => {
    expect(backoffMs(0, 200, 10_000, () => 0)).toBe(100);
    expect(backoffMs(0, 200, 10_000, () => 1)).toBe(200);
    expect(backoffMs(3, 200, 10_000, () => 1)).toBe(1_600);
    expect(backoffMs(50, 200, 10_000, () => 1)).toBe(10_000);
  });
});
